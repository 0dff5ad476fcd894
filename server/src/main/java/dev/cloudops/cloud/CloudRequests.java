package dev.cloudops.cloud;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Request bodies of the cloud API. */
final class CloudRequests {

    private CloudRequests() {}

    /**
     * Import a cluster found in the cloud.
     *
     * @param register also register it in the cluster registry (default true)
     * @param registryName its name there (default: the cloud name as an RFC 1123 label)
     */
    record Import(
            Boolean register,
            @Schema(example = "prod-eu-1") String registryName,
            @Schema(example = "production") String env,
            List<String> tags) {}

    /**
     * Create a cluster in the cloud (a job).
     *
     * @param options provider-only fields; AWS: {@code roleArn} (required), {@code endpointPublicAccess},
     *     {@code endpointPrivateAccess}, {@code authenticationMode}; Huawei: {@code flavor} (required), {@code
     *     containerNetworkMode}, {@code containerNetworkCidr}, {@code category}, {@code type}, {@code
     *     kubeProxyMode}, {@code description}
     */
    record CreateCluster(
            @Schema(example = "eu-west-1") String region,
            @Schema(example = "prod-eu-1") String name,
            @Schema(example = "1.31") String version,
            String vpcId,

            @Schema(example = "[\"subnet-0a1b2c3d\", \"subnet-4e5f6a7b\"]")
            List<String> subnetIds,

            List<String> securityGroupIds,
            Map<String, String> tags,

            @Schema(example = "{\"roleArn\": \"arn:aws:iam::123456789012:role/eks-cluster\"}")
            Map<String, String> options,

            Boolean register,
            String registryName,
            String env,
            List<String> registryTags) {}

    /**
     * Change a cluster: a new version or basic settings (a job).
     *
     * @param driftFingerprint go ahead although these settings changed in the cloud: the fingerprint of the
     *     differences shown by {@code GET …/drift} or the {@code cloud-drift} problem
     */
    record UpdateCluster(
            @Schema(example = "1.32") String version,

            @Schema(example = "{\"endpointPublicAccess\": \"false\"}")
            Map<String, String> settings,

            String driftFingerprint) {}

    /** Adopt the cloud's values as the known ones; {@code fingerprint} names the drift that was reviewed. */
    record AcceptDrift(String fingerprint) {}

    /** Create a node group (a job). */
    record CreateNodeGroup(
            @Schema(example = "workers") String name,
            @Schema(example = "1.31") String version,
            @Schema(example = "[\"m6i.large\"]") List<String> instanceTypes,
            List<String> subnetIds,
            @Schema(example = "2") Integer minSize,
            @Schema(example = "10") Integer maxSize,
            @Schema(example = "3") Integer desiredSize,
            @Schema(example = "50") Integer diskSizeGb,
            Map<String, String> labels,

            @Schema(example = "{\"nodeRoleArn\": \"arn:aws:iam::123456789012:role/eks-nodes\"}")
            Map<String, String> options) {}

    /** New size bounds of a node group (a job). */
    record Scale(Integer minSize, Integer maxSize, Integer desiredSize, String driftFingerprint) {}

    /** Upgrade a node group to the cluster's or a given version (a job). */
    record Upgrade(@Schema(example = "1.32") String version, String driftFingerprint) {}

    /** Grant a cloud identity access to a cluster. */
    record Grant(
            @Schema(example = "arn:aws:iam::123456789012:role/developers")
            String principal,

            @Schema(example = "AmazonEKSViewPolicy") String policy,
            List<String> namespaces,
            List<String> groups) {}
}
