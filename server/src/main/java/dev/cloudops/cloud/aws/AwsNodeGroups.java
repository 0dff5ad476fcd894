package dev.cloudops.cloud.aws;

import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudOperation.OperationKind;
import dev.cloudops.cloud.NewNodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AMITypes;
import software.amazon.awssdk.services.eks.model.CapacityTypes;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** EKS managed node groups. */
final class AwsNodeGroups {

    private static final Set<String> OPTIONS = Set.of("nodeRoleArn", "amiType", "capacityType");

    private AwsNodeGroups() {}

    static List<Nodegroup> describeAll(EksClient eks, String cluster) {
        List<Nodegroup> out = new ArrayList<>();
        for (String name :
                eks.listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups()) {
            out.add(eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name))
                    .nodegroup());
        }
        return out;
    }

    static void check(NewNodeGroup spec) {
        for (String option : spec.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw ApiException.badRequest(
                        "invalid-field",
                        "Unknown EKS node group option '" + option + "'; known: " + OPTIONS,
                        "options." + option);
            }
        }
        String role = spec.options().get("nodeRoleArn");
        if (role == null || !role.startsWith("arn:")) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "EKS needs options.nodeRoleArn: the ARN of the nodes' IAM role",
                    "options.nodeRoleArn");
        }
        String ami = spec.options().get("amiType");
        if (ami != null && AMITypes.fromValue(ami) == AMITypes.UNKNOWN_TO_SDK_VERSION) {
            throw ApiException.badRequest("invalid-field", "Unknown amiType '" + ami + "'", "options.amiType");
        }
        String capacity = spec.options().get("capacityType");
        if (capacity != null && CapacityTypes.fromValue(capacity) == CapacityTypes.UNKNOWN_TO_SDK_VERSION) {
            throw ApiException.badRequest(
                    "invalid-field", "capacityType must be ON_DEMAND, SPOT or CAPACITY_BLOCK", "options.capacityType");
        }
    }

    static CloudOperation create(EksClient eks, String cluster, NewNodeGroup spec) {
        List<String> subnets = spec.subnetIds().isEmpty()
                ? eks.describeCluster(r -> r.name(cluster))
                        .cluster()
                        .resourcesVpcConfig()
                        .subnetIds()
                : spec.subnetIds();
        var scaling = spec.scaling();
        eks.createNodegroup(r -> r.clusterName(cluster)
                .nodegroupName(spec.name())
                .version(spec.version())
                .nodeRole(spec.options().get("nodeRoleArn"))
                .subnets(subnets)
                .instanceTypes(spec.instanceTypes().isEmpty() ? null : spec.instanceTypes())
                .diskSize(spec.diskSizeGb())
                .amiType(spec.options().get("amiType"))
                .capacityType(spec.options().get("capacityType"))
                .labels(spec.labels().isEmpty() ? null : spec.labels())
                .scalingConfig(s ->
                        s.minSize(scaling.minSize()).maxSize(scaling.maxSize()).desiredSize(scaling.desiredSize())));
        return new CloudOperation(OperationKind.CREATE_NODE_GROUP, cluster, spec.name(), null, null);
    }

    static CloudOperation scale(EksClient eks, String cluster, String nodeGroup, NodeGroupScaling scaling) {
        var update = eks.updateNodegroupConfig(r -> r.clusterName(cluster)
                        .nodegroupName(nodeGroup)
                        .scalingConfig(s -> s.minSize(scaling.minSize())
                                .maxSize(scaling.maxSize())
                                .desiredSize(scaling.desiredSize())))
                .update();
        return new CloudOperation(
                OperationKind.UPDATE_NODE_GROUP,
                cluster,
                nodeGroup,
                update.id(),
                scaling.minSize() + "/" + scaling.desiredSize() + "/" + scaling.maxSize());
    }

    static CloudOperation upgrade(EksClient eks, String cluster, String nodeGroup, String version) {
        var update = eks.updateNodegroupVersion(
                        r -> r.clusterName(cluster).nodegroupName(nodeGroup).version(version))
                .update();
        return new CloudOperation(OperationKind.UPDATE_NODE_GROUP, cluster, nodeGroup, update.id(), version);
    }

    static OperationProgress poll(EksClient eks, CloudOperation op) {
        boolean deleting = op.kind() == OperationKind.DELETE_NODE_GROUP;
        Nodegroup g;
        try {
            g = eks.describeNodegroup(r -> r.clusterName(op.cluster()).nodegroupName(op.nodeGroup()))
                    .nodegroup();
        } catch (ResourceNotFoundException e) {
            return deleting
                    ? OperationProgress.succeeded("DELETED")
                    : OperationProgress.failed("NOT_FOUND", "The node group disappeared while it was being created");
        }
        String phase = g.statusAsString();
        NodegroupStatus status = g.status();
        if (status == NodegroupStatus.CREATE_FAILED || status == NodegroupStatus.DELETE_FAILED) {
            String why = g.health() == null || !g.health().hasIssues()
                    ? "EKS reports " + phase
                    : g.health().issues().stream()
                            .map(i -> i.codeAsString() + ": " + i.message())
                            .reduce((x, y) -> x + "; " + y)
                            .orElse(phase);
            return OperationProgress.failed(phase, why);
        }
        if (!deleting && (status == NodegroupStatus.ACTIVE || status == NodegroupStatus.DEGRADED)) {
            return OperationProgress.succeeded(phase);
        }
        return OperationProgress.running(phase);
    }
}
