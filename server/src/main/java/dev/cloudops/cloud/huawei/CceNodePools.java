package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.cce.v3.model.Cluster;
import com.huaweicloud.sdk.cce.v3.model.CreateNodePoolRequest;
import com.huaweicloud.sdk.cce.v3.model.DeleteNodePoolRequest;
import com.huaweicloud.sdk.cce.v3.model.ListNodePoolsRequest;
import com.huaweicloud.sdk.cce.v3.model.Login;
import com.huaweicloud.sdk.cce.v3.model.NicSpec;
import com.huaweicloud.sdk.cce.v3.model.NodeNicSpec;
import com.huaweicloud.sdk.cce.v3.model.NodePool;
import com.huaweicloud.sdk.cce.v3.model.NodePoolMetadata;
import com.huaweicloud.sdk.cce.v3.model.NodePoolMetadataUpdate;
import com.huaweicloud.sdk.cce.v3.model.NodePoolNodeAutoscaling;
import com.huaweicloud.sdk.cce.v3.model.NodePoolResp;
import com.huaweicloud.sdk.cce.v3.model.NodePoolSpec;
import com.huaweicloud.sdk.cce.v3.model.NodePoolSpecUpdate;
import com.huaweicloud.sdk.cce.v3.model.NodePoolUpdate;
import com.huaweicloud.sdk.cce.v3.model.NodePoolUpgradeSpec;
import com.huaweicloud.sdk.cce.v3.model.NodeSpec;
import com.huaweicloud.sdk.cce.v3.model.NodeSpecUpdate;
import com.huaweicloud.sdk.cce.v3.model.UpdateNodePoolRequest;
import com.huaweicloud.sdk.cce.v3.model.UpgradeNodePool;
import com.huaweicloud.sdk.cce.v3.model.UpgradeNodePoolRequest;
import com.huaweicloud.sdk.cce.v3.model.Volume;
import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudOperation.OperationKind;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.NewNodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.platform.error.ApiException;
import java.util.List;
import java.util.Set;

/**
 * CCE node pools: nodes of one flavor that CCE keeps at {@code initialNodeCount}, between the autoscaler's
 * minimum and maximum. Pools run the cluster's Kubernetes version; their upgrade brings the nodes to it.
 */
final class CceNodePools {

    static final Set<String> OPTIONS = Set.of("sshKey", "os", "az", "volumeType", "dataDiskSizeGb", "autoscaling");
    private static final Set<String> VOLUME_TYPES = Set.of("SAS", "SSD", "GPSSD", "ESSD", "SATA");

    private CceNodePools() {}

    static List<NodePoolResp> list(HuaweiClients clients, HuaweiClients.Bundle b, String clusterId) {
        var items = clients.invoke(b.cce().listNodePoolsInvoker(new ListNodePoolsRequest().withClusterId(clusterId)))
                .getItems();
        return items == null ? List.of() : items;
    }

    static NodePoolResp find(HuaweiClients clients, HuaweiClients.Bundle b, String clusterId, String name) {
        for (NodePoolResp pool : list(clients, b, clusterId)) {
            if (pool.getMetadata() != null && name.equals(pool.getMetadata().getName())) {
                return pool;
            }
        }
        return null;
    }

    static NodePoolResp require(HuaweiClients clients, HuaweiClients.Bundle b, String clusterId, String name) {
        NodePoolResp pool = find(clients, b, clusterId, name);
        if (pool == null) {
            throw CloudProblems.notFound("Huawei Cloud CCE: the cluster has no node pool named " + name);
        }
        return pool;
    }

    static void check(NewNodeGroup spec) {
        for (String option : spec.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw invalid("Unknown CCE node pool option '" + option + "'; known: " + OPTIONS, "options." + option);
            }
        }
        if (spec.instanceTypes().size() != 1) {
            throw invalid("A CCE node pool has exactly one flavor in instanceTypes (e.g. c7.large.2)", "instanceTypes");
        }
        if (spec.subnetIds().size() > 1) {
            throw invalid("A CCE node pool takes at most one subnet", "subnetIds");
        }
        if (spec.options().get("sshKey") == null || spec.options().get("sshKey").isBlank()) {
            throw invalid(
                    "CCE nodes need options.sshKey: the name of an ECS key pair to log in with", "options.sshKey");
        }
        String type = spec.options().getOrDefault("volumeType", "GPSSD");
        if (!VOLUME_TYPES.contains(type)) {
            throw invalid("options.volumeType must be one of " + VOLUME_TYPES, "options.volumeType");
        }
        if (spec.diskSizeGb() != null && (spec.diskSizeGb() < 40 || spec.diskSizeGb() > 1024)) {
            throw invalid("CCE root disks are 40-1024 GiB", "diskSizeGb");
        }
        dataDisk(spec);
        String autoscaling = spec.options().get("autoscaling");
        if (autoscaling != null && !autoscaling.equals("true") && !autoscaling.equals("false")) {
            throw invalid("options.autoscaling must be true or false", "options.autoscaling");
        }
        if (spec.version() != null) {
            throw invalid("CCE node pools run the cluster's Kubernetes version; leave version out", "version");
        }
    }

    static CloudOperation create(
            HuaweiClients clients, HuaweiClients.Bundle b, Cluster cluster, String clusterName, NewNodeGroup spec) {
        var o = spec.options();
        String type = o.getOrDefault("volumeType", "GPSSD");
        var template = new NodeSpec()
                .withFlavor(spec.instanceTypes().get(0))
                .withAz(o.getOrDefault("az", "random"))
                .withOs(o.get("os"))
                .withLogin(new Login().withSshKey(o.get("sshKey")))
                .withRootVolume(new Volume()
                        .withSize(spec.diskSizeGb() == null ? Integer.valueOf(50) : spec.diskSizeGb())
                        .withVolumetype(type))
                .withDataVolumes(List.of(new Volume().withSize(dataDisk(spec)).withVolumetype(type)));
        if (!spec.labels().isEmpty()) {
            template.withK8sTags(spec.labels());
        }
        if (!spec.subnetIds().isEmpty()) {
            template.withNodeNicSpec(new NodeNicSpec()
                    .withPrimaryNic(new NicSpec().withSubnetId(spec.subnetIds().get(0))));
        }
        NodeGroupScaling scaling = spec.scaling();
        var pool = new NodePool()
                .withKind("NodePool")
                .withApiVersion("v3")
                .withMetadata(new NodePoolMetadata().withName(spec.name()))
                .withSpec(new NodePoolSpec()
                        .withType(NodePoolSpec.TypeEnum.VM)
                        .withNodeTemplate(template)
                        .withInitialNodeCount(scaling.desiredSize())
                        .withAutoscaling(new NodePoolNodeAutoscaling()
                                .withEnable(Boolean.parseBoolean(o.getOrDefault("autoscaling", "false")))
                                .withMinNodeCount(scaling.minSize())
                                .withMaxNodeCount(scaling.maxSize())));
        clients.invoke(b.cce()
                .createNodePoolInvoker(new CreateNodePoolRequest()
                        .withClusterId(cluster.getMetadata().getUid())
                        .withBody(pool)));
        return new CloudOperation(OperationKind.CREATE_NODE_GROUP, clusterName, spec.name(), null, null);
    }

    /**
     * UpdateNodePool replaces the pool's template fields it is sent: the current taints, tags and conditions go
     * back unchanged with the new sizes, so scaling changes nothing else. The autoscaler stays as it was.
     */
    static CloudOperation scale(
            HuaweiClients clients,
            HuaweiClients.Bundle b,
            String clusterId,
            String clusterName,
            String name,
            NodeGroupScaling scaling) {
        NodePoolResp pool = require(clients, b, clusterId, name);
        NodeSpec current = pool.getSpec().getNodeTemplate();
        var template = new NodeSpecUpdate();
        if (current != null) {
            template.withTaints(current.getTaints())
                    .withK8sTags(current.getK8sTags())
                    .withUserTags(current.getUserTags())
                    .withInitializedConditions(current.getInitializedConditions());
        }
        var autoscaling = pool.getSpec().getAutoscaling();
        clients.invoke(b.cce()
                .updateNodePoolInvoker(new UpdateNodePoolRequest()
                        .withClusterId(clusterId)
                        .withNodepoolId(pool.getMetadata().getUid())
                        .withBody(new NodePoolUpdate()
                                .withMetadata(new NodePoolMetadataUpdate().withName(name))
                                .withSpec(new NodePoolSpecUpdate()
                                        .withNodeTemplate(template)
                                        .withInitialNodeCount(scaling.desiredSize())
                                        .withAutoscaling(new NodePoolNodeAutoscaling()
                                                .withEnable(autoscaling != null
                                                        && Boolean.TRUE.equals(autoscaling.getEnable()))
                                                .withMinNodeCount(scaling.minSize())
                                                .withMaxNodeCount(scaling.maxSize()))))));
        return new CloudOperation(
                OperationKind.UPDATE_NODE_GROUP,
                clusterName,
                name,
                null,
                scaling.minSize() + "/" + scaling.desiredSize() + "/" + scaling.maxSize());
    }

    static CloudOperation upgrade(
            HuaweiClients clients,
            HuaweiClients.Bundle b,
            String clusterId,
            String clusterName,
            String name,
            String version) {
        NodePoolResp pool = require(clients, b, clusterId, name);
        var response = clients.invoke(b.cce()
                .upgradeNodePoolInvoker(new UpgradeNodePoolRequest()
                        .withClusterId(clusterId)
                        .withNodepoolId(pool.getMetadata().getUid())
                        .withBody(new UpgradeNodePool()
                                .withKind("NodePool")
                                .withApiVersion("v3")
                                .withSpec(new NodePoolUpgradeSpec()
                                        .withNodePoolID(pool.getMetadata().getUid())
                                        .withMaxUnavailable(1)))));
        String job = response.getJobid() == null ? null : response.getJobid().toString();
        return new CloudOperation(OperationKind.UPDATE_NODE_GROUP, clusterName, name, job, version);
    }

    static CloudOperation delete(
            HuaweiClients clients, HuaweiClients.Bundle b, String clusterId, String clusterName, String name) {
        NodePoolResp pool = require(clients, b, clusterId, name);
        clients.invoke(b.cce()
                .deleteNodePoolInvoker(new DeleteNodePoolRequest()
                        .withClusterId(clusterId)
                        .withNodepoolId(pool.getMetadata().getUid())));
        return new CloudOperation(OperationKind.DELETE_NODE_GROUP, clusterName, name, null, null);
    }

    /** A node pool operation without a CCE job, followed through the pool's phase and its node counts. */
    static OperationProgress poll(HuaweiClients clients, HuaweiClients.Bundle b, CloudOperation op, String clusterId) {
        boolean deleting = op.kind() == OperationKind.DELETE_NODE_GROUP;
        NodePoolResp pool = find(clients, b, clusterId, op.nodeGroup());
        if (pool == null) {
            return deleting
                    ? OperationProgress.succeeded("Deleted")
                    : OperationProgress.failed("NotFound", "The node pool disappeared while it was being changed");
        }
        String phase = CceMapping.phase(pool.getStatus());
        String shown = phase.isEmpty() ? "Active" : phase;
        CloudStatus status = CceMapping.poolStatus(pool.getStatus());
        if (status == CloudStatus.FAILED || status == CloudStatus.DEGRADED) {
            var health = CceMapping.nodeGroup(pool).health();
            return OperationProgress.failed(
                    shown, health.isEmpty() ? "CCE reports the node pool " + shown : String.join("; ", health));
        }
        if (!deleting && status == CloudStatus.ACTIVE) {
            return OperationProgress.succeeded(shown);
        }
        return OperationProgress.running(shown);
    }

    private static int dataDisk(NewNodeGroup spec) {
        String value = spec.options().getOrDefault("dataDiskSizeGb", "100");
        try {
            int size = Integer.parseInt(value);
            if (size >= 100 && size <= 32768) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(
                "options.dataDiskSizeGb must be 100-32768 (GiB; CCE's container runtime disk)",
                "options.dataDiskSizeGb");
    }

    private static ApiException invalid(String detail, String field) {
        return ApiException.badRequest("invalid-field", detail, field);
    }
}
