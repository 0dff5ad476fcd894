package dev.cloudops.cloud.aliyun;

import com.aliyun.cs20151215.models.CreateClusterNodePoolRequest;
import com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestAutoScaling;
import com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestKubernetesConfig;
import com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestNodepoolInfo;
import com.aliyun.cs20151215.models.CreateClusterNodePoolRequest.CreateClusterNodePoolRequestScalingGroup;
import com.aliyun.cs20151215.models.DeleteClusterNodepoolRequest;
import com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest;
import com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest.ModifyClusterNodePoolRequestAutoScaling;
import com.aliyun.cs20151215.models.ModifyClusterNodePoolRequest.ModifyClusterNodePoolRequestScalingGroup;
import com.aliyun.cs20151215.models.Tag;
import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudOperation.OperationKind;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.KubeVersions;
import dev.cloudops.cloud.NewNodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.cloud.aliyun.AckMapping.AckCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * ACK node pools. A pool whose min and max differ is autoscaled (ACK's cluster autoscaler keeps it within the
 * bounds, so its desired size is where it starts, not a setting); a pool with min = max is a fixed size.
 */
final class AliyunNodePools {

    static final Set<String> OPTIONS =
            Set.of("systemDiskCategory", "imageType", "runtime", "runtimeVersion", "keyPair", "instanceChargeType");
    private static final Set<String> DISK_CATEGORIES =
            Set.of("cloud_efficiency", "cloud_ssd", "cloud_essd", "cloud_auto", "cloud_essd_entry");
    private static final Set<String> CHARGE_TYPES = Set.of("PostPaid", "PrePaid");

    private AliyunNodePools() {}

    static void check(NewNodeGroup spec) {
        for (String option : spec.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw AckApi.invalid(
                        "Unknown ACK node pool option '" + option + "'; known: " + OPTIONS, "options." + option);
            }
        }
        if (spec.instanceTypes().isEmpty()) {
            throw AckApi.invalid("ACK node pools need at least one ECS instance type", "instanceTypes");
        }
        String disk = spec.options().get("systemDiskCategory");
        if (disk != null && !DISK_CATEGORIES.contains(disk)) {
            throw AckApi.invalid("systemDiskCategory must be one of " + DISK_CATEGORIES, "options.systemDiskCategory");
        }
        String charge = spec.options().get("instanceChargeType");
        if (charge != null && !CHARGE_TYPES.contains(charge)) {
            throw AckApi.invalid("instanceChargeType must be PostPaid or PrePaid", "options.instanceChargeType");
        }
        if (spec.diskSizeGb() != null && (spec.diskSizeGb() < 20 || spec.diskSizeGb() > 2048)) {
            throw AckApi.invalid("ACK system disks are 20-2048 GiB", "diskSizeGb");
        }
    }

    static CloudOperation create(AliyunClients.Bundle b, AckCluster cluster, NewNodeGroup spec) throws Exception {
        if (spec.version() != null && KubeVersions.minorSteps(cluster.version(), spec.version()) != 0) {
            throw AckApi.invalid(
                    "ACK node pools run the control plane's Kubernetes (" + cluster.version() + ")", "version");
        }
        var o = spec.options();
        var scaling = spec.scaling();
        boolean autoscaled = !scaling.minSize().equals(scaling.maxSize());
        List<Tag> labels = new ArrayList<>();
        spec.labels().forEach((k, v) -> labels.add(new Tag().setKey(k).setValue(v)));
        var request = new CreateClusterNodePoolRequest()
                .setNodepoolInfo(new CreateClusterNodePoolRequestNodepoolInfo()
                        .setName(spec.name())
                        .setType("ess"))
                .setScalingGroup(new CreateClusterNodePoolRequestScalingGroup()
                        .setVswitchIds(spec.subnetIds().isEmpty() ? cluster.vswitches() : spec.subnetIds())
                        .setInstanceTypes(spec.instanceTypes())
                        .setSystemDiskSize(
                                spec.diskSizeGb() == null
                                        ? null
                                        : spec.diskSizeGb().longValue())
                        .setSystemDiskCategory(o.get("systemDiskCategory"))
                        .setImageType(o.get("imageType"))
                        .setKeyPair(o.get("keyPair"))
                        .setInstanceChargeType(o.get("instanceChargeType"))
                        .setDesiredSize(
                                autoscaled ? null : scaling.desiredSize().longValue()))
                .setAutoScaling(new CreateClusterNodePoolRequestAutoScaling()
                        .setEnable(autoscaled)
                        .setMinInstances(autoscaled ? scaling.minSize().longValue() : null)
                        .setMaxInstances(autoscaled ? scaling.maxSize().longValue() : null))
                .setKubernetesConfig(new CreateClusterNodePoolRequestKubernetesConfig()
                        .setLabels(labels.isEmpty() ? null : labels)
                        .setRuntime(o.get("runtime"))
                        .setRuntimeVersion(o.get("runtimeVersion")));
        String poolId = b.cs().createClusterNodePoolWithOptions(cluster.id(), request, new HashMap<>(), b.runtime())
                .getBody()
                .nodepoolId;
        return new CloudOperation(OperationKind.CREATE_NODE_GROUP, cluster.name(), spec.name(), poolId, null);
    }

    static CloudOperation scale(
            AliyunClients.Bundle b, AckCluster cluster, String poolId, String nodeGroup, NodeGroupScaling scaling)
            throws Exception {
        boolean autoscaled = !scaling.minSize().equals(scaling.maxSize());
        var request = new ModifyClusterNodePoolRequest()
                .setAutoScaling(new ModifyClusterNodePoolRequestAutoScaling()
                        .setEnable(autoscaled)
                        .setMinInstances(autoscaled ? scaling.minSize().longValue() : null)
                        .setMaxInstances(autoscaled ? scaling.maxSize().longValue() : null));
        if (!autoscaled) {
            request.setScalingGroup(new ModifyClusterNodePoolRequestScalingGroup()
                    .setDesiredSize(scaling.desiredSize().longValue()));
        }
        String task = b.cs().modifyClusterNodePoolWithOptions(
                        cluster.id(), poolId, request, new HashMap<>(), b.runtime())
                .getBody()
                .taskId;
        return new CloudOperation(
                OperationKind.UPDATE_NODE_GROUP,
                cluster.name(),
                nodeGroup,
                Reference.task(task),
                scaling.minSize() + "/" + scaling.desiredSize() + "/" + scaling.maxSize());
    }

    static CloudOperation upgrade(
            AliyunClients.Bundle b, AckCluster cluster, String poolId, String nodeGroup, String version)
            throws Exception {
        String task = AckApi.upgradePool(b, cluster.id(), poolId, version);
        return new CloudOperation(
                OperationKind.UPDATE_NODE_GROUP, cluster.name(), nodeGroup, Reference.task(task), version);
    }

    static CloudOperation delete(AliyunClients.Bundle b, AckCluster cluster, String poolId, String nodeGroup)
            throws Exception {
        b.cs().deleteClusterNodepoolWithOptions(
                        cluster.id(),
                        poolId,
                        new DeleteClusterNodepoolRequest().setForce(false),
                        new HashMap<>(),
                        b.runtime());
        return new CloudOperation(OperationKind.DELETE_NODE_GROUP, cluster.name(), nodeGroup, poolId, null);
    }

    /** A node pool operation: by its task when ACK gave one, else by the pool's state. */
    static OperationProgress poll(AliyunClients.Bundle b, AckCluster cluster, CloudOperation op) throws Exception {
        String task = Reference.taskId(op.reference());
        if (task != null) {
            return AckApi.task(b, task);
        }
        boolean deleting = op.kind() == OperationKind.DELETE_NODE_GROUP;
        var pools = AckApi.pools(b, cluster.id());
        String key = op.reference() != null ? op.reference() : op.nodeGroup();
        var pool = AckApi.findPool(pools, key).or(() -> AckApi.findPool(pools, op.nodeGroup()));
        if (pool.isEmpty()) {
            return deleting
                    ? OperationProgress.succeeded("DELETED")
                    : OperationProgress.failed("NOT_FOUND", "The node pool disappeared while it was being created");
        }
        String state = pool.get().status == null ? null : pool.get().status.state;
        String phase = state == null ? "UNKNOWN" : state.toUpperCase(java.util.Locale.ROOT);
        CloudStatus status = AckMapping.poolStatus(state);
        if (status == CloudStatus.FAILED) {
            return OperationProgress.failed(phase, "ACK reports node pool " + op.nodeGroup() + " " + state);
        }
        if (status == CloudStatus.DELETED) {
            return deleting
                    ? OperationProgress.succeeded(phase)
                    : OperationProgress.failed(phase, "The node pool was deleted");
        }
        if (!deleting && status == CloudStatus.ACTIVE) {
            return OperationProgress.succeeded(phase);
        }
        return OperationProgress.running(phase);
    }
}
