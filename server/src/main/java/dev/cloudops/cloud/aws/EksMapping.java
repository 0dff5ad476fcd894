package dev.cloudops.cloud.aws;

import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.NodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.LogSetup;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;

/**
 * EKS answers as the platform's provider-neutral records, and the settings the platform watches for drift
 * flattened to keys. Pure.
 */
final class EksMapping {

    /** The control plane log types of EKS, as their setting keys ({@code logging.api} …). */
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    private EksMapping() {}

    static CloudCluster cluster(Cluster c, String region, List<Nodegroup> nodeGroups) {
        Map<String, String> settings = new TreeMap<>();
        put(settings, "version", c.version());
        if (c.resourcesVpcConfig() != null) {
            var vpc = c.resourcesVpcConfig();
            put(settings, "endpointPublicAccess", vpc.endpointPublicAccess());
            put(settings, "endpointPrivateAccess", vpc.endpointPrivateAccess());
            if (vpc.hasPublicAccessCidrs()) {
                put(
                        settings,
                        "publicAccessCidrs",
                        String.join(
                                ",", vpc.publicAccessCidrs().stream().sorted().toList()));
            }
        }
        if (c.logging() != null && c.logging().hasClusterLogging()) {
            for (LogSetup setup : c.logging().clusterLogging()) {
                for (String type : setup.typesAsStrings()) {
                    put(settings, "logging." + type, setup.enabled());
                }
            }
        }
        if (c.accessConfig() != null) {
            put(settings, "authenticationMode", c.accessConfig().authenticationModeAsString());
        }
        if (c.hasTags()) {
            c.tags().forEach((k, v) -> settings.put("tags." + k, v));
        }
        for (Nodegroup g : nodeGroups) {
            String prefix = "nodegroup." + g.nodegroupName() + ".";
            put(settings, prefix + "version", g.version());
            if (g.scalingConfig() != null) {
                put(settings, prefix + "minSize", g.scalingConfig().minSize());
                put(settings, prefix + "maxSize", g.scalingConfig().maxSize());
                put(settings, prefix + "desiredSize", g.scalingConfig().desiredSize());
            }
            if (g.hasInstanceTypes()) {
                put(settings, prefix + "instanceTypes", String.join(",", g.instanceTypes()));
            }
        }
        return new CloudCluster(
                c.name(),
                c.arn(),
                region,
                status(c.status()),
                c.version(),
                c.platformVersion(),
                c.endpoint(),
                c.certificateAuthority() == null
                        ? null
                        : c.certificateAuthority().data(),
                c.createdAt(),
                settings);
    }

    static NodeGroup nodeGroup(Nodegroup g) {
        var scaling = g.scalingConfig() == null
                ? null
                : new NodeGroupScaling(
                        g.scalingConfig().minSize(),
                        g.scalingConfig().maxSize(),
                        g.scalingConfig().desiredSize());
        List<String> health = g.health() == null || !g.health().hasIssues()
                ? List.of()
                : g.health().issues().stream()
                        .map(i -> i.codeAsString() + ": " + i.message())
                        .toList();
        return new NodeGroup(
                g.nodegroupName(),
                g.nodegroupArn(),
                status(g.status()),
                g.version(),
                g.hasInstanceTypes() ? g.instanceTypes() : List.of(),
                scaling,
                g.diskSize(),
                g.hasLabels() ? g.labels() : Map.of(),
                health);
    }

    static CloudStatus status(ClusterStatus status) {
        if (status == null) {
            return CloudStatus.UNKNOWN;
        }
        return switch (status) {
            case PENDING -> CloudStatus.PENDING;
            case CREATING -> CloudStatus.CREATING;
            case ACTIVE -> CloudStatus.ACTIVE;
            case UPDATING -> CloudStatus.UPDATING;
            case DELETING -> CloudStatus.DELETING;
            case FAILED -> CloudStatus.FAILED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    static CloudStatus status(NodegroupStatus status) {
        if (status == null) {
            return CloudStatus.UNKNOWN;
        }
        return switch (status) {
            case CREATING -> CloudStatus.CREATING;
            case ACTIVE -> CloudStatus.ACTIVE;
            case UPDATING -> CloudStatus.UPDATING;
            case DELETING -> CloudStatus.DELETING;
            case CREATE_FAILED, DELETE_FAILED -> CloudStatus.FAILED;
            case DEGRADED -> CloudStatus.DEGRADED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    private static void put(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, String.valueOf(value));
        }
    }
}
