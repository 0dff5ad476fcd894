package dev.cloudops.cloud.tencent;

import com.tencentcloudapi.tke.v20180525.models.Cluster;
import com.tencentcloudapi.tke.v20180525.models.Label;
import com.tencentcloudapi.tke.v20180525.models.NodePool;
import com.tencentcloudapi.tke.v20180525.models.Tag;
import com.tencentcloudapi.tke.v20180525.models.TagSpecification;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.NodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TKE answers as the platform's provider-neutral records, and the settings the platform watches for drift
 * flattened to keys. Pure.
 */
final class TkeMapping {

    /** TKE writes some times without a zone, in China Standard Time. */
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private TkeMapping() {}

    /** A cluster, with its API server's address and CA when known, and its node pools' settings. */
    static CloudCluster cluster(Cluster c, String region, String endpoint, String caData, List<NodePool> nodePools) {
        Map<String, String> settings = new TreeMap<>();
        put(settings, "version", c.getClusterVersion());
        put(settings, "clusterType", c.getClusterType());
        put(settings, "description", blankToNull(c.getClusterDescription()));
        put(settings, "clusterLevel", blankToNull(c.getClusterLevel()));
        put(settings, "autoUpgradeClusterLevel", c.getAutoUpgradeClusterLevel());
        put(settings, "deletionProtection", c.getDeletionProtection());
        put(settings, "containerRuntime", c.getContainerRuntime());
        put(settings, "projectId", c.getProjectId());
        if (c.getClusterNetworkSettings() != null) {
            var net = c.getClusterNetworkSettings();
            put(settings, "vpcId", net.getVpcId());
            put(settings, "clusterCidr", blankToNull(net.getClusterCIDR()));
            put(settings, "serviceCidr", blankToNull(net.getServiceCIDR()));
            put(settings, "ipvs", net.getIpvs());
        }
        tags(c.getTagSpecification()).forEach((k, v) -> settings.put("tags." + k, v));
        for (NodePool p : nodePools) {
            String prefix = "nodegroup." + p.getName() + ".";
            put(settings, prefix + "minSize", p.getMinNodesNum());
            put(settings, prefix + "maxSize", p.getMaxNodesNum());
            put(settings, prefix + "desiredSize", p.getDesiredNodesNum());
            put(settings, prefix + "os", p.getNodePoolOs());
        }
        return new CloudCluster(
                c.getClusterName(),
                c.getClusterId(),
                region,
                status(c.getClusterStatus()),
                c.getClusterVersion(),
                null,
                blankToNull(endpoint),
                blankToNull(caData),
                time(c.getCreatedTime()),
                settings);
    }

    static NodeGroup nodeGroup(NodePool p) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (p.getLabels() != null) {
            for (Label l : p.getLabels()) {
                labels.put(l.getName(), l.getValue() == null ? "" : l.getValue());
            }
        }
        String asg = p.getAutoscalingGroupStatus();
        return new NodeGroup(
                p.getName(),
                p.getNodePoolId(),
                status(p.getLifeState()),
                null,
                List.of(),
                new NodeGroupScaling(
                        toInt(p.getMinNodesNum()), toInt(p.getMaxNodesNum()), toInt(p.getDesiredNodesNum())),
                null,
                labels,
                asg == null || asg.isBlank() || asg.equals("enabled")
                        ? List.of()
                        : List.of("AutoscalingGroup: " + asg));
    }

    /** A cluster's state ({@code Cluster.ClusterStatus} and {@code ClusterStatus.ClusterState}). */
    static CloudStatus status(String state) {
        if (state == null) {
            return CloudStatus.UNKNOWN;
        }
        return switch (state) {
            case "Running", "normal" -> CloudStatus.ACTIVE;
            case "Creating", "Trading", "creating" -> CloudStatus.CREATING;
            case "Upgrading",
                    "Scaling",
                    "NodeUpgrading",
                    "RuntimeUpgrading",
                    "MasterScaling",
                    "ClusterLevelUpgrading",
                    "ClusterLevelTrading",
                    "Recovering",
                    "updating" -> CloudStatus.UPDATING;
            case "Deleting", "ResourceDestroy", "deleting" -> CloudStatus.DELETING;
            case "ResourceDestroyed", "deleted" -> CloudStatus.DELETED;
            case "WaittingForConnect" -> CloudStatus.PENDING;
            case "Abnormal",
                    "Pause",
                    "Idling",
                    "Isolated",
                    "ResourceIsolate",
                    "ResourceIsolated",
                    "ResourceReverse",
                    "ResourceReversal" -> CloudStatus.DEGRADED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    /** The tags of the cluster's tag specifications. */
    static Map<String, String> tags(TagSpecification[] specs) {
        Map<String, String> out = new TreeMap<>();
        if (specs != null) {
            for (TagSpecification spec : specs) {
                if (spec.getTags() != null) {
                    for (Tag t : spec.getTags()) {
                        out.put(t.getKey(), t.getValue() == null ? "" : t.getValue());
                    }
                }
            }
        }
        return out;
    }

    /** ISO 8601 with or without a zone, or TKE's {@code yyyy-MM-dd HH:mm:ss} (China time); null when neither. */
    static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value, LOCAL).toInstant(CHINA);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static Integer toInt(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void put(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, String.valueOf(value));
        }
    }
}
