package dev.cloudops.cloud.tencent;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.tke.v20180525.TkeClient;
import com.tencentcloudapi.tke.v20180525.models.CreateClusterNodePoolRequest;
import com.tencentcloudapi.tke.v20180525.models.DeleteClusterNodePoolRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeClusterInstancesRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeClusterNodePoolsRequest;
import com.tencentcloudapi.tke.v20180525.models.Filter;
import com.tencentcloudapi.tke.v20180525.models.GetUpgradeInstanceProgressRequest;
import com.tencentcloudapi.tke.v20180525.models.Instance;
import com.tencentcloudapi.tke.v20180525.models.Label;
import com.tencentcloudapi.tke.v20180525.models.ModifyClusterNodePoolRequest;
import com.tencentcloudapi.tke.v20180525.models.ModifyNodePoolDesiredCapacityAboutAsgRequest;
import com.tencentcloudapi.tke.v20180525.models.NodePool;
import com.tencentcloudapi.tke.v20180525.models.UpgradeClusterInstancesRequest;
import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudOperation.OperationKind;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.KubeVersions;
import dev.cloudops.cloud.NewNodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * TKE node pools: a pool is an Auto Scaling group with a launch configuration, both passed to
 * CreateClusterNodePool as the JSON documents the AS API takes. Operations on a pool carry {@code
 * clusterId/nodePoolId} as their reference; a node upgrade carries {@code clusterId/upgrade}.
 */
final class TencentNodePools {

    static final Set<String> OPTIONS =
            Set.of("os", "diskType", "securityGroupIds", "keyIds", "enableAutoscale", "containerRuntime");
    static final String UPGRADE = "upgrade";
    private static final Pattern SUBNET = Pattern.compile("subnet-[a-z0-9]{8}");
    private static final Pattern ID = Pattern.compile("np-[a-z0-9]{8}");
    private static final JsonMapper JSON = JsonMapper.shared();

    private TencentNodePools() {}

    static List<NodePool> all(TkeClient tke, String clusterId) throws TencentCloudSDKException {
        var request = new DescribeClusterNodePoolsRequest();
        request.setClusterId(clusterId);
        NodePool[] pools = tke.DescribeClusterNodePools(request).getNodePoolSet();
        return pools == null ? List.of() : List.of(pools);
    }

    /** The pool of that name or id; {@code 404 cloud-not-found}, or {@code 409 cloud-conflict} when ambiguous. */
    static NodePool find(TkeClient tke, String clusterId, String nameOrId) throws TencentCloudSDKException {
        List<NodePool> matches = all(tke, clusterId).stream()
                .filter(p -> nameOrId.equals(p.getName()) || nameOrId.equals(p.getNodePoolId()))
                .toList();
        if (matches.isEmpty()) {
            throw CloudProblems.notFound("TKE cluster " + clusterId + " has no node pool " + nameOrId);
        }
        if (matches.size() > 1) {
            throw CloudProblems.conflict(matches.size() + " node pools of " + clusterId + " are named " + nameOrId
                    + " ("
                    + String.join(
                            ", ", matches.stream().map(NodePool::getNodePoolId).toList())
                    + "); address one by its id");
        }
        return matches.get(0);
    }

    static void check(NewNodeGroup spec) {
        for (String option : spec.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw ApiException.badRequest(
                        "invalid-field",
                        "Unknown TKE node pool option '" + option + "'; known: " + OPTIONS,
                        "options." + option);
            }
        }
        if (ID.matcher(spec.name()).matches()) {
            throw ApiException.badRequest(
                    "invalid-name", "A node pool name must not look like a node pool id (np-…)", "name");
        }
        if (spec.instanceTypes().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field", "TKE needs at least one instance type (e.g. S5.MEDIUM4)", "instanceTypes");
        }
        if (spec.subnetIds().isEmpty()
                || spec.subnetIds().stream().anyMatch(s -> !SUBNET.matcher(s).matches())) {
            throw ApiException.badRequest(
                    "invalid-field", "TKE needs the pool's subnets, as subnet-xxxxxxxx ids", "subnetIds");
        }
        String autoscale = spec.options().get("enableAutoscale");
        if (autoscale != null && !autoscale.equals("true") && !autoscale.equals("false")) {
            throw ApiException.badRequest(
                    "invalid-field", "options.enableAutoscale must be true or false", "options.enableAutoscale");
        }
    }

    static CloudOperation create(
            TkeClient tke, String cluster, String clusterId, String vpcId, String clusterVersion, NewNodeGroup spec)
            throws TencentCloudSDKException {
        if (spec.version() != null && KubeVersions.minorSteps(clusterVersion, spec.version()) != 0) {
            throw ApiException.badRequest(
                    "invalid-version",
                    "TKE node pools run the cluster's Kubernetes version (" + clusterVersion + ")",
                    "version");
        }
        if (all(tke, clusterId).stream().anyMatch(p -> spec.name().equals(p.getName()))) {
            throw CloudProblems.conflict("Cluster " + cluster + " already has a node pool named " + spec.name());
        }
        var o = spec.options();
        NodeGroupScaling scaling = spec.scaling();
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("MinSize", scaling.minSize());
        group.put("MaxSize", scaling.maxSize());
        group.put("DesiredCapacity", scaling.desiredSize());
        group.put("VpcId", vpcId);
        group.put("SubnetIds", spec.subnetIds());
        Map<String, Object> launch = new LinkedHashMap<>();
        launch.put("InstanceType", spec.instanceTypes().get(0));
        if (spec.instanceTypes().size() > 1) {
            launch.put("InstanceTypes", spec.instanceTypes());
        }
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("DiskType", o.getOrDefault("diskType", "CLOUD_PREMIUM"));
        disk.put("DiskSize", java.util.Objects.requireNonNullElse(spec.diskSizeGb(), 50));
        launch.put("SystemDisk", disk);
        if (o.containsKey("securityGroupIds")) {
            launch.put("SecurityGroupIds", list(o.get("securityGroupIds")));
        }
        if (o.containsKey("keyIds")) {
            launch.put("LoginSettings", Map.of("KeyIds", list(o.get("keyIds"))));
        }
        var request = new CreateClusterNodePoolRequest();
        request.setClusterId(clusterId);
        request.setName(spec.name());
        request.setAutoScalingGroupPara(JSON.writeValueAsString(group));
        request.setLaunchConfigurePara(JSON.writeValueAsString(launch));
        request.setEnableAutoscale(Boolean.parseBoolean(o.getOrDefault("enableAutoscale", "true")));
        request.setNodePoolOs(o.get("os"));
        request.setContainerRuntime(o.get("containerRuntime"));
        request.setLabels(labels(spec.labels()));
        String id = tke.CreateClusterNodePool(request).getNodePoolId();
        return new CloudOperation(OperationKind.CREATE_NODE_GROUP, cluster, spec.name(), clusterId + "/" + id, null);
    }

    /** New bounds first (ModifyClusterNodePool), then the desired count of the pool's scaling group. */
    static CloudOperation scale(TkeClient tke, String cluster, String clusterId, NodePool pool, NodeGroupScaling s)
            throws TencentCloudSDKException {
        var bounds = new ModifyClusterNodePoolRequest();
        bounds.setClusterId(clusterId);
        bounds.setNodePoolId(pool.getNodePoolId());
        bounds.setMinNodesNum((long) s.minSize());
        bounds.setMaxNodesNum((long) s.maxSize());
        tke.ModifyClusterNodePool(bounds);
        var desired = new ModifyNodePoolDesiredCapacityAboutAsgRequest();
        desired.setClusterId(clusterId);
        desired.setNodePoolId(pool.getNodePoolId());
        desired.setDesiredCapacity((long) s.desiredSize());
        tke.ModifyNodePoolDesiredCapacityAboutAsg(desired);
        return new CloudOperation(
                OperationKind.UPDATE_NODE_GROUP,
                cluster,
                pool.getName(),
                clusterId + "/" + pool.getNodePoolId(),
                s.minSize() + "/" + s.desiredSize() + "/" + s.maxSize());
    }

    /**
     * Upgrades the pool's nodes in place to the control plane's version (UpgradeClusterInstances, type {@code
     * major}): TKE names no target version, so the one asked must be the cluster's.
     */
    static CloudOperation upgrade(
            TkeClient tke, String cluster, String clusterId, String clusterVersion, NodePool pool, String version)
            throws TencentCloudSDKException {
        if (KubeVersions.minorSteps(clusterVersion, version) != 0) {
            throw ApiException.badRequest(
                    "invalid-version",
                    "TKE upgrades nodes to the control plane's version (" + clusterVersion + ") only",
                    "version");
        }
        List<String> instances = instances(tke, clusterId, pool.getNodePoolId());
        if (instances.isEmpty()) {
            throw CloudProblems.conflict("Node pool " + pool.getName() + " has no nodes to upgrade");
        }
        var request = new UpgradeClusterInstancesRequest();
        request.setClusterId(clusterId);
        request.setOperation("create");
        request.setUpgradeType("major");
        request.setInstanceIds(instances.toArray(String[]::new));
        tke.UpgradeClusterInstances(request);
        return new CloudOperation(
                OperationKind.UPDATE_NODE_GROUP, cluster, pool.getName(), clusterId + "/" + UPGRADE, version);
    }

    static CloudOperation delete(TkeClient tke, String cluster, String clusterId, NodePool pool)
            throws TencentCloudSDKException {
        var request = new DeleteClusterNodePoolRequest();
        request.setClusterId(clusterId);
        request.setNodePoolIds(new String[] {pool.getNodePoolId()});
        request.setKeepInstance(false);
        tke.DeleteClusterNodePool(request);
        return new CloudOperation(
                OperationKind.DELETE_NODE_GROUP, cluster, pool.getName(), clusterId + "/" + pool.getNodePoolId(), null);
    }

    static OperationProgress poll(TkeClient tke, CloudOperation op) throws TencentCloudSDKException {
        String[] ref = op.reference().split("/", 2);
        if (UPGRADE.equals(ref[1])) {
            return pollUpgrade(tke, ref[0]);
        }
        boolean deleting = op.kind() == OperationKind.DELETE_NODE_GROUP;
        NodePool pool = all(tke, ref[0]).stream()
                .filter(p -> ref[1].equals(p.getNodePoolId()))
                .findFirst()
                .orElse(null);
        if (pool == null || "deleted".equals(pool.getLifeState())) {
            return deleting
                    ? OperationProgress.succeeded("deleted")
                    : OperationProgress.failed("NotFound", "The node pool disappeared while it was being changed");
        }
        String phase = pool.getLifeState();
        if (!deleting && "normal".equals(phase)) {
            return OperationProgress.succeeded(phase);
        }
        if (!deleting && "deleting".equals(phase)) {
            return OperationProgress.failed(phase, "The node pool is being deleted");
        }
        return OperationProgress.running(phase);
    }

    private static OperationProgress pollUpgrade(TkeClient tke, String clusterId) throws TencentCloudSDKException {
        var request = new GetUpgradeInstanceProgressRequest();
        request.setClusterId(clusterId);
        var progress = tke.GetUpgradeInstanceProgress(request);
        String phase = progress.getLifeState();
        if ("done".equals(phase)) {
            return OperationProgress.succeeded(phase);
        }
        if ("timeout".equals(phase) || "aborted".equals(phase)) {
            return OperationProgress.failed(
                    phase,
                    "TKE reports the node upgrade " + phase + " after " + progress.getDone() + " of "
                            + progress.getTotal() + " nodes");
        }
        return OperationProgress.running(phase);
    }

    private static List<String> instances(TkeClient tke, String clusterId, String nodePoolId)
            throws TencentCloudSDKException {
        List<String> ids = new ArrayList<>();
        long offset = 0;
        while (true) {
            var request = new DescribeClusterInstancesRequest();
            request.setClusterId(clusterId);
            request.setOffset(offset);
            request.setLimit(100L);
            var filter = new Filter();
            filter.setName("nodepool-id");
            filter.setValues(new String[] {nodePoolId});
            request.setFilters(new Filter[] {filter});
            var page = tke.DescribeClusterInstances(request);
            Instance[] set = page.getInstanceSet() == null ? new Instance[0] : page.getInstanceSet();
            for (Instance i : set) {
                ids.add(i.getInstanceId());
            }
            offset += set.length;
            if (set.length == 0 || page.getTotalCount() == null || offset >= page.getTotalCount()) {
                return ids;
            }
        }
    }

    private static Label[] labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return null;
        }
        return labels.entrySet().stream()
                .map(e -> {
                    var l = new Label();
                    l.setName(e.getKey());
                    l.setValue(e.getValue());
                    return l;
                })
                .toArray(Label[]::new);
    }

    private static List<String> list(String csv) {
        return java.util.Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
