package dev.cloudops.cloud.aliyun;

import com.aliyun.cs20151215.models.DescribeClusterDetailResponseBody;
import com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody.DescribeClusterNodePoolsResponseBodyNodepools;
import com.aliyun.cs20151215.models.DescribeClustersV1ResponseBody.DescribeClustersV1ResponseBodyClusters;
import com.aliyun.cs20151215.models.MaintenanceWindow;
import com.aliyun.cs20151215.models.Tag;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.NodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ACK answers as the platform's provider-neutral records, and the settings the platform watches for drift
 * flattened to keys. Pure.
 */
final class AckMapping {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AckMapping() {}

    /** The fields of an ACK cluster the adapter uses, whichever API answered them. */
    record AckCluster(
            String id,
            String name,
            String region,
            String state,
            String version,
            String clusterType,
            String clusterSpec,
            String created,
            String masterUrl,
            String vpcId,
            String vswitchIds,
            String resourceGroupId,
            Boolean deletionProtection,
            MaintenanceWindow maintenanceWindow,
            List<Tag> tags) {

        static AckCluster of(DescribeClustersV1ResponseBodyClusters c) {
            return new AckCluster(
                    c.clusterId,
                    c.name,
                    c.regionId,
                    c.state,
                    c.currentVersion,
                    c.clusterType,
                    c.clusterSpec,
                    c.created,
                    c.masterUrl,
                    c.vpcId,
                    c.vswitchId,
                    c.resourceGroupId,
                    c.deletionProtection,
                    c.maintenanceWindow,
                    c.tags);
        }

        static AckCluster of(DescribeClusterDetailResponseBody c) {
            return new AckCluster(
                    c.clusterId,
                    c.name,
                    c.regionId,
                    c.state,
                    c.currentVersion,
                    c.clusterType,
                    c.clusterSpec,
                    c.created,
                    c.masterUrl,
                    c.vpcId,
                    c.vswitchId,
                    c.resourceGroupId,
                    c.deletionProtection,
                    c.maintenanceWindow,
                    c.tags);
        }

        /** The public API server URL, or the VPC one when the cluster has no public endpoint. */
        String endpoint() {
            String pub = masterUrlField("api_server_endpoint");
            return pub != null ? pub : masterUrlField("intranet_api_server_endpoint");
        }

        boolean publicEndpoint() {
            return masterUrlField("api_server_endpoint") != null;
        }

        List<String> vswitches() {
            return vswitchIds == null || vswitchIds.isBlank() ? List.of() : List.of(vswitchIds.split("\\s*,\\s*"));
        }

        /** ACK answers {@code master_url} as a JSON document inside a string. */
        private String masterUrlField(String field) {
            if (masterUrl == null || masterUrl.isBlank()) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(masterUrl).path(field);
                String url = node.isString() ? node.asString() : null;
                return url == null || url.isBlank() ? null : url;
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    static CloudCluster cluster(
            AckCluster c, String region, List<DescribeClusterNodePoolsResponseBodyNodepools> pools) {
        Map<String, String> settings = new TreeMap<>();
        put(settings, "version", c.version());
        put(settings, "clusterType", c.clusterType());
        put(settings, "clusterSpec", c.clusterSpec());
        put(settings, "deletionProtection", c.deletionProtection());
        put(settings, "resourceGroupId", c.resourceGroupId());
        put(settings, "endpointPublicAccess", c.masterUrl() == null ? null : c.publicEndpoint());
        MaintenanceWindow window = c.maintenanceWindow();
        if (window != null) {
            put(settings, "maintenanceWindow.enable", window.enable);
            put(settings, "maintenanceWindow.maintenanceTime", window.maintenanceTime);
            put(settings, "maintenanceWindow.duration", window.duration);
            put(settings, "maintenanceWindow.weeklyPeriod", window.weeklyPeriod);
        }
        if (c.tags() != null) {
            for (Tag tag : c.tags()) {
                // ACK lists its own system tags (ack.aliyun.com …) with the user's: they are the cluster's, too.
                if (tag.key != null) {
                    settings.put("tags." + tag.key, tag.value == null ? "" : tag.value);
                }
            }
        }
        for (var pool : pools) {
            NodeGroup g = nodeGroup(pool);
            String prefix = "nodegroup." + g.name() + ".";
            boolean autoscaled = pool.autoScaling != null && Boolean.TRUE.equals(pool.autoScaling.enable);
            put(settings, prefix + "autoScaling", autoscaled);
            if (g.scaling() != null) {
                put(settings, prefix + "minSize", g.scaling().minSize());
                put(settings, prefix + "maxSize", g.scaling().maxSize());
                if (!autoscaled) {
                    // The autoscaler moves an autoscaled pool's count all day: only a fixed size is a setting.
                    put(settings, prefix + "desiredSize", g.scaling().desiredSize());
                }
            }
            if (!g.instanceTypes().isEmpty()) {
                put(settings, prefix + "instanceTypes", String.join(",", g.instanceTypes()));
            }
        }
        return new CloudCluster(
                c.name(),
                c.id(),
                c.region() == null ? region : c.region(),
                status(c.state()),
                c.version(),
                null,
                c.endpoint(),
                null,
                instant(c.created()),
                settings);
    }

    /**
     * A node pool: an autoscaled pool's bounds are the autoscaler's, its desired size the nodes it has now; a
     * fixed pool is {@code desired/desired/desired}. ACK reports no Kubernetes version per pool (its nodes follow
     * the control plane), so {@code version} stays null.
     */
    static NodeGroup nodeGroup(DescribeClusterNodePoolsResponseBodyNodepools pool) {
        var info = pool.nodepoolInfo;
        var group = pool.scalingGroup;
        var state = pool.status;
        NodeGroupScaling scaling;
        if (pool.autoScaling != null && Boolean.TRUE.equals(pool.autoScaling.enable)) {
            Long now = state != null && state.totalNodes != null ? state.totalNodes : null;
            scaling = new NodeGroupScaling(
                    integer(pool.autoScaling.minInstances), integer(pool.autoScaling.maxInstances), integer(now));
        } else {
            Long desired = group != null && group.desiredSize != null
                    ? group.desiredSize
                    : state == null ? null : state.totalNodes;
            scaling = new NodeGroupScaling(integer(desired), integer(desired), integer(desired));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (pool.kubernetesConfig != null && pool.kubernetesConfig.labels != null) {
            for (Tag label : pool.kubernetesConfig.labels) {
                if (label.key != null) {
                    labels.put(label.key, label.value == null ? "" : label.value);
                }
            }
        }
        List<String> health = new ArrayList<>();
        if (state != null && state.failedNodes != null && state.failedNodes > 0) {
            health.add("FailedNodes: " + state.failedNodes + " of " + state.totalNodes + " node(s) failed");
        }
        if (state != null && state.offlineNodes != null && state.offlineNodes > 0) {
            health.add("OfflineNodes: " + state.offlineNodes + " node(s) offline");
        }
        return new NodeGroup(
                info == null ? null : info.name,
                info == null ? null : info.nodepoolId,
                poolStatus(state == null ? null : state.state),
                null,
                group == null || group.instanceTypes == null ? List.of() : group.instanceTypes,
                scaling,
                group == null ? null : integer(group.systemDiskSize),
                labels,
                health);
    }

    /** ACK cluster states ({@code initial}, {@code running}, {@code upgrading} …) in the platform's words. */
    static CloudStatus status(String state) {
        if (state == null) {
            return CloudStatus.UNKNOWN;
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "initial", "waiting" -> CloudStatus.CREATING;
            case "running" -> CloudStatus.ACTIVE;
            case "updating", "upgrading", "scaling", "migrating" -> CloudStatus.UPDATING;
            case "deleting", "removing" -> CloudStatus.DELETING;
            case "deleted" -> CloudStatus.DELETED;
            case "failed", "delete_failed" -> CloudStatus.FAILED;
            case "unavailable", "disconnected", "inactive", "stopped" -> CloudStatus.DEGRADED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    /** ACK node pool states ({@code active}, {@code scaling}, {@code removing} …) in the platform's words. */
    static CloudStatus poolStatus(String state) {
        if (state == null) {
            return CloudStatus.UNKNOWN;
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "initial" -> CloudStatus.CREATING;
            case "active" -> CloudStatus.ACTIVE;
            case "scaling", "removing", "updating", "upgrading" -> CloudStatus.UPDATING;
            case "deleting" -> CloudStatus.DELETING;
            case "deleted" -> CloudStatus.DELETED;
            case "failed" -> CloudStatus.FAILED;
            default -> CloudStatus.UNKNOWN;
        };
    }

    /** ACK's times: RFC 3339 with an offset ({@code 2026-01-01T08:00:00+08:00}); null when absent or unreadable. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }

    private static void put(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, String.valueOf(value));
        }
    }
}
