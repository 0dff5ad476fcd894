package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.cce.v3.model.Cluster;
import com.huaweicloud.sdk.cce.v3.model.ClusterSpec;
import com.huaweicloud.sdk.cce.v3.model.NodePoolCondition;
import com.huaweicloud.sdk.cce.v3.model.NodePoolResp;
import com.huaweicloud.sdk.cce.v3.model.NodePoolSpec;
import com.huaweicloud.sdk.cce.v3.model.NodePoolStatus;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.NodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CCE answers as the platform's provider-neutral records, and the settings the platform watches for drift
 * flattened to keys. Pure.
 */
final class CceMapping {

    private static final DateTimeFormatter CCE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS xx 'UTC'");

    private CceMapping() {}

    static CloudCluster cluster(Cluster c, String region, String endpoint, List<NodePoolResp> pools) {
        ClusterSpec spec = c.getSpec();
        Map<String, String> settings = new TreeMap<>();
        if (spec != null) {
            put(settings, "version", spec.getVersion());
            put(settings, "flavor", spec.getFlavor());
            put(settings, "type", spec.getType());
            put(settings, "category", spec.getCategory());
            put(settings, "description", spec.getDescription());
            put(settings, "deletionProtection", spec.getDeletionProtection());
            put(settings, "kubeProxyMode", spec.getKubeProxyMode());
            if (spec.getHostNetwork() != null) {
                put(settings, "vpcId", spec.getHostNetwork().getVpc());
                put(settings, "subnetId", spec.getHostNetwork().getSubnet());
                put(settings, "securityGroupId", spec.getHostNetwork().getSecurityGroup());
            }
            if (spec.getContainerNetwork() != null) {
                put(settings, "containerNetworkMode", spec.getContainerNetwork().getMode());
                put(settings, "containerNetworkCidr", spec.getContainerNetwork().getCidr());
            }
            if (spec.getAuthentication() != null) {
                put(settings, "authenticationMode", spec.getAuthentication().getMode());
            }
        }
        if (c.getMetadata() != null) {
            put(settings, "alias", c.getMetadata().getAlias());
        }
        for (NodePoolResp pool : pools) {
            NodeGroup g = nodeGroup(pool);
            String prefix = "nodegroup." + g.name() + ".";
            if (g.scaling() != null) {
                put(settings, prefix + "minSize", g.scaling().minSize());
                put(settings, prefix + "maxSize", g.scaling().maxSize());
                put(settings, prefix + "desiredSize", g.scaling().desiredSize());
            }
            if (!g.instanceTypes().isEmpty()) {
                put(settings, prefix + "instanceTypes", String.join(",", g.instanceTypes()));
            }
        }
        var status = c.getStatus();
        return new CloudCluster(
                c.getMetadata() == null ? null : c.getMetadata().getName(),
                c.getMetadata() == null ? null : c.getMetadata().getUid(),
                region,
                clusterStatus(status == null ? null : status.getPhase()),
                spec == null ? null : spec.getVersion(),
                spec == null ? null : spec.getPlatformVersion(),
                endpoint,
                null,
                c.getMetadata() == null ? null : time(c.getMetadata().getCreationTimestamp()),
                settings);
    }

    static NodeGroup nodeGroup(NodePoolResp pool) {
        NodePoolSpec spec = pool.getSpec();
        NodeGroupScaling scaling = null;
        List<String> flavors = new ArrayList<>();
        Integer disk = null;
        if (spec != null) {
            var auto = spec.getAutoscaling();
            Integer desired = spec.getInitialNodeCount() == null ? Integer.valueOf(0) : spec.getInitialNodeCount();
            // Without an autoscaler the pool stays at its desired size: that is its minimum and maximum.
            Integer min = auto == null || auto.getMinNodeCount() == null ? desired : auto.getMinNodeCount();
            Integer max = auto == null || auto.getMaxNodeCount() == null ? desired : auto.getMaxNodeCount();
            scaling = new NodeGroupScaling(min, max, desired);
            if (spec.getNodeTemplate() != null) {
                if (spec.getNodeTemplate().getFlavor() != null) {
                    flavors.add(spec.getNodeTemplate().getFlavor());
                }
                if (spec.getNodeTemplate().getRootVolume() != null) {
                    disk = spec.getNodeTemplate().getRootVolume().getSize();
                }
            }
        }
        NodePoolStatus status = pool.getStatus();
        List<String> health = new ArrayList<>();
        if (status != null && status.getConditions() != null) {
            for (NodePoolCondition condition : status.getConditions()) {
                if ("True".equals(condition.getStatus()) && condition.getType() != null) {
                    health.add(condition.getType() + ": "
                            + (condition.getMessage() != null ? condition.getMessage() : condition.getReason()));
                }
            }
        }
        var metadata = pool.getMetadata();
        return new NodeGroup(
                metadata == null ? null : metadata.getName(),
                metadata == null ? null : metadata.getUid(),
                poolStatus(status),
                null,
                flavors,
                scaling,
                disk,
                labels(spec),
                health);
    }

    /** CCE cluster phases: Available, Creating, Upgrading, Deleting, Error, Unavailable, Hibernation … */
    static CloudStatus clusterStatus(String phase) {
        if (phase == null) {
            return CloudStatus.UNKNOWN;
        }
        return switch (phase) {
            case "Creating" -> CloudStatus.CREATING;
            case "Available" -> CloudStatus.ACTIVE;
            case "Upgrading", "ScalingUp", "ScalingDown", "Resizing", "RollingBack", "Hibernating", "Awaking" ->
                CloudStatus.UPDATING;
            case "Deleting" -> CloudStatus.DELETING;
            case "Error", "RollbackFailed" -> CloudStatus.FAILED;
            case "Unavailable", "Hibernation", "Frozen" -> CloudStatus.DEGRADED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    /** A node pool without a phase is available; Synchronizing/Synchronized follow a change, SoldOut lacks ECS. */
    static CloudStatus poolStatus(NodePoolStatus status) {
        String phase = phase(status);
        if (phase.isEmpty()) {
            return busy(status) ? CloudStatus.UPDATING : CloudStatus.ACTIVE;
        }
        return switch (phase) {
            case "Synchronizing" -> CloudStatus.UPDATING;
            case "Synchronized" -> busy(status) ? CloudStatus.UPDATING : CloudStatus.ACTIVE;
            case "Deleting" -> CloudStatus.DELETING;
            case "Error" -> CloudStatus.FAILED;
            case "SoldOut" -> CloudStatus.DEGRADED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    static String phase(NodePoolStatus status) {
        return status == null || status.getPhase() == null || status.getPhase().getValue() == null
                ? ""
                : status.getPhase().getValue();
    }

    static boolean busy(NodePoolStatus status) {
        return status != null
                && ((status.getCreatingNode() != null && status.getCreatingNode() > 0)
                        || (status.getDeletingNode() != null && status.getDeletingNode() > 0));
    }

    /** CCE writes times as {@code 2026-01-01 00:00:00.123456 +0000 UTC}; RFC 3339 is accepted too. */
    static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, CCE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static Map<String, String> labels(NodePoolSpec spec) {
        if (spec == null
                || spec.getNodeTemplate() == null
                || spec.getNodeTemplate().getK8sTags() == null) {
            return Map.of();
        }
        return spec.getNodeTemplate().getK8sTags();
    }

    private static void put(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, String.valueOf(value));
        }
    }
}
