package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.cce.v3.model.Cluster;
import com.huaweicloud.sdk.cce.v3.model.ClusterInformation;
import com.huaweicloud.sdk.cce.v3.model.ClusterInformationSpec;
import com.huaweicloud.sdk.cce.v3.model.ClusterMetadataForUpdate;
import com.huaweicloud.sdk.cce.v3.model.ClusterUpgradeAction;
import com.huaweicloud.sdk.cce.v3.model.DeleteClusterRequest;
import com.huaweicloud.sdk.cce.v3.model.ListClustersRequest;
import com.huaweicloud.sdk.cce.v3.model.NodePoolResp;
import com.huaweicloud.sdk.cce.v3.model.ShowJobRequest;
import com.huaweicloud.sdk.cce.v3.model.ShowJobResponse;
import com.huaweicloud.sdk.cce.v3.model.UpdateClusterRequest;
import com.huaweicloud.sdk.cce.v3.model.UpgradeClusterRequest;
import com.huaweicloud.sdk.cce.v3.model.UpgradeClusterRequestBody;
import com.huaweicloud.sdk.cce.v3.model.UpgradeClusterRequestMetadata;
import com.huaweicloud.sdk.cce.v3.model.UpgradeSpec;
import com.huaweicloud.sdk.core.exception.SdkException;
import dev.cloudops.cloud.AccessEntry;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudClusterProvider;
import dev.cloudops.cloud.CloudIdentity;
import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudOperation.OperationKind;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.CloudSession;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.ClusterChange;
import dev.cloudops.cloud.ClusterCredentials;
import dev.cloudops.cloud.KubeVersions;
import dev.cloudops.cloud.MetricSeries;
import dev.cloudops.cloud.MonitoringQuery;
import dev.cloudops.cloud.NewCluster;
import dev.cloudops.cloud.NewNodeGroup;
import dev.cloudops.cloud.NodeGroup;
import dev.cloudops.cloud.NodeGroupScaling;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Huawei Cloud CCE. Clusters, upgrades and node pools through the CCE API (asynchronous work followed with
 * ShowJob or the resource's phase), identities and access through IAM, metrics through Cloud Eye; cluster
 * credentials are client certificates from CreateKubernetesClusterCert. CCE addresses clusters and node pools by
 * id; the platform by name, so each call first finds the id by name.
 */
@Component
class HuaweiProvider implements CloudClusterProvider {

    private final HuaweiClients clients;
    private final Clock clock;

    HuaweiProvider(HuaweiClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "huawei";
    }

    @Override
    public String displayName() {
        return "Huawei Cloud CCE";
    }

    @Override
    public boolean knowsRegion(String region) {
        return region != null && region.matches("[a-z]{2}(-[a-z0-9]+)+") && HuaweiClients.cceRegion(region) != null;
    }

    @Override
    public Set<String> endpointServices() {
        return Set.of("cce", "iam", "ces");
    }

    @Override
    public CloudIdentity validate(CloudSession session) {
        if (session.credentials().roleArn() != null) {
            throw ApiException.badRequest(
                    "invalid-credentials",
                    "Huawei Cloud accounts use an AK/SK pair (with a security token for temporary keys); assuming"
                            + " an agency is not supported",
                    "credentials.roleArn");
        }
        return call(session, "IAM", b -> HuaweiIdentity.validate(clients, b, session));
    }

    @Override
    public List<CloudCluster> listClusters(CloudSession session) {
        return call(
                session,
                "CCE",
                b -> clusters(b).stream()
                        .map(c -> CceMapping.cluster(c, session.region(), null, List.of()))
                        .toList());
    }

    @Override
    public CloudCluster describeCluster(CloudSession session, String name) {
        return call(session, "CCE", b -> {
            Cluster c = require(b, name);
            CloudCluster mapped = CceMapping.cluster(c, session.region(), null, List.of());
            var pools = mapped.status() == CloudStatus.ACTIVE || mapped.status() == CloudStatus.UPDATING
                    ? CceNodePools.list(clients, b, c.getMetadata().getUid())
                    : List.<NodePoolResp>of();
            return CceMapping.cluster(c, session.region(), null, pools);
        });
    }

    @Override
    public void checkNewCluster(NewCluster spec) {
        CceClusterSpecs.check(spec);
    }

    @Override
    public CloudOperation createCluster(CloudSession session, NewCluster spec) {
        return call(session, "CCE", b -> {
            var created = clients.invoke(b.cce().createClusterInvoker(CceClusterSpecs.request(spec)));
            String job =
                    created.getStatus() == null ? null : created.getStatus().getJobID();
            return new CloudOperation(OperationKind.CREATE_CLUSTER, spec.name(), null, job, spec.version());
        });
    }

    @Override
    public void checkChange(CloudCluster current, ClusterChange change) {
        if (change.version() != null && !change.settings().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "CCE upgrades the version and changes settings in separate calls: send two requests",
                    "settings");
        }
        if (change.version() != null && KubeVersions.minorSteps(current.version(), change.version()) > 1) {
            int[] from = KubeVersions.parse(current.version(), "version");
            throw ApiException.badRequest(
                    "invalid-version",
                    "CCE upgrades one minor version at a time: from " + current.version() + " the next is v" + from[0]
                            + "." + (from[1] + 1),
                    "version");
        }
        CceClusterSpecs.checkSettings(change.settings());
    }

    @Override
    public CloudOperation updateCluster(CloudSession session, String name, ClusterChange change) {
        return call(session, "CCE", b -> {
            String id = require(b, name).getMetadata().getUid();
            if (change.version() != null) {
                String target = CceClusterSpecs.version(change.version());
                var upgraded = clients.invoke(b.cce()
                        .upgradeClusterInvoker(new UpgradeClusterRequest()
                                .withClusterId(id)
                                .withBody(new UpgradeClusterRequestBody()
                                        .withMetadata(new UpgradeClusterRequestMetadata()
                                                .withApiVersion("v3")
                                                .withKind("UpgradeTask"))
                                        .withSpec(new UpgradeSpec()
                                                .withClusterUpgradeAction(
                                                        new ClusterUpgradeAction().withTargetVersion(target))))));
                String job = upgraded.getMetadata() == null
                        ? null
                        : upgraded.getMetadata().getUid();
                return new CloudOperation(OperationKind.UPDATE_CLUSTER, name, null, job, target);
            }
            var settings = change.settings();
            var spec = new ClusterInformationSpec();
            if (settings.containsKey("description")) {
                spec.withDescription(settings.get("description"));
            }
            if (settings.containsKey("deletionProtection")) {
                spec.withDeletionProtection(Boolean.parseBoolean(settings.get("deletionProtection")));
            }
            var body = new ClusterInformation().withSpec(spec);
            if (settings.containsKey("alias")) {
                body.withMetadata(new ClusterMetadataForUpdate().withAlias(settings.get("alias")));
            }
            clients.invoke(b.cce()
                    .updateClusterInvoker(
                            new UpdateClusterRequest().withClusterId(id).withBody(body)));
            return new CloudOperation(
                    OperationKind.UPDATE_CLUSTER, name, null, null, String.join(", ", settings.keySet()));
        });
    }

    @Override
    public CloudOperation deleteCluster(CloudSession session, String name) {
        return call(session, "CCE", b -> {
            String id = require(b, name).getMetadata().getUid();
            var deleted = clients.invoke(b.cce().deleteClusterInvoker(new DeleteClusterRequest().withClusterId(id)));
            String job =
                    deleted.getStatus() == null ? null : deleted.getStatus().getJobID();
            return new CloudOperation(OperationKind.DELETE_CLUSTER, name, null, job, null);
        });
    }

    @Override
    public OperationProgress poll(CloudSession session, CloudOperation op) {
        return call(session, "CCE", b -> switch (op.kind()) {
            case CREATE_CLUSTER, DELETE_CLUSTER -> pollCluster(b, op);
            case UPDATE_CLUSTER -> op.reference() == null ? OperationProgress.succeeded("Updated") : pollJob(b, op);
            case CREATE_NODE_GROUP, UPDATE_NODE_GROUP, DELETE_NODE_GROUP ->
                op.reference() != null ? pollJob(b, op) : CceNodePools.poll(clients, b, op, id(b, op.cluster()));
        });
    }

    private OperationProgress pollCluster(HuaweiClients.Bundle b, CloudOperation op) {
        boolean deleting = op.kind() == OperationKind.DELETE_CLUSTER;
        Cluster c = find(b, op.cluster());
        if (c == null) {
            return deleting
                    ? OperationProgress.succeeded("Deleted")
                    : OperationProgress.failed("NotFound", "The cluster disappeared while it was being created");
        }
        String phase = c.getStatus() == null ? "Unknown" : c.getStatus().getPhase();
        var status = CceMapping.clusterStatus(phase);
        if (status == CloudStatus.FAILED) {
            String reason = c.getStatus().getReason();
            String message = c.getStatus().getMessage();
            return OperationProgress.failed(
                    phase,
                    "CCE reports the cluster " + phase
                            + (reason == null && message == null
                                    ? ""
                                    : ": " + (reason == null ? "" : reason)
                                            + (message == null ? "" : (reason == null ? "" : " - ") + message)));
        }
        if (!deleting && status == CloudStatus.ACTIVE) {
            return OperationProgress.succeeded(phase);
        }
        if (!deleting && status == CloudStatus.DELETING) {
            return OperationProgress.failed(phase, "The cluster is being deleted");
        }
        return OperationProgress.running(phase);
    }

    /** A CCE job: Initializing and Running until Success or Failed. */
    private OperationProgress pollJob(HuaweiClients.Bundle b, CloudOperation op) {
        ShowJobResponse job = clients.invoke(b.cce().showJobInvoker(new ShowJobRequest().withJobId(op.reference())));
        String phase = job.getStatus() == null ? null : job.getStatus().getPhase();
        if ("Success".equals(phase)) {
            return OperationProgress.succeeded(phase);
        }
        if ("Failed".equals(phase)) {
            String reason = job.getStatus().getReason();
            return OperationProgress.failed(phase, reason == null ? "CCE reports the job failed" : reason);
        }
        return OperationProgress.running(phase == null ? "Unknown" : phase);
    }

    @Override
    public List<NodeGroup> listNodeGroups(CloudSession session, String cluster) {
        return call(
                session,
                "CCE",
                b -> CceNodePools.list(clients, b, id(b, cluster)).stream()
                        .map(CceMapping::nodeGroup)
                        .toList());
    }

    @Override
    public NodeGroup describeNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return call(
                session, "CCE", b -> CceMapping.nodeGroup(CceNodePools.require(clients, b, id(b, cluster), nodeGroup)));
    }

    @Override
    public CloudOperation createNodeGroup(CloudSession session, String cluster, NewNodeGroup spec) {
        CceNodePools.check(spec);
        return call(session, "CCE", b -> CceNodePools.create(clients, b, require(b, cluster), cluster, spec));
    }

    @Override
    public CloudOperation scaleNodeGroup(
            CloudSession session, String cluster, String nodeGroup, NodeGroupScaling scaling) {
        return call(session, "CCE", b -> CceNodePools.scale(clients, b, id(b, cluster), cluster, nodeGroup, scaling));
    }

    @Override
    public CloudOperation upgradeNodeGroup(CloudSession session, String cluster, String nodeGroup, String version) {
        return call(session, "CCE", b -> {
            Cluster c = require(b, cluster);
            String current = c.getSpec() == null ? null : c.getSpec().getVersion();
            if (current != null && KubeVersions.minorSteps(version, current) != 0) {
                throw ApiException.badRequest(
                        "invalid-version",
                        "CCE upgrades a node pool's nodes to the cluster's version (" + current + "), not to "
                                + version,
                        "version");
            }
            return CceNodePools.upgrade(clients, b, c.getMetadata().getUid(), cluster, nodeGroup, current);
        });
    }

    @Override
    public CloudOperation deleteNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return call(session, "CCE", b -> CceNodePools.delete(clients, b, id(b, cluster), cluster, nodeGroup));
    }

    @Override
    public ClusterCredentials credentials(CloudSession session, CloudCluster cluster) {
        return call(session, "CCE", b -> CceCertificates.fetch(clients, b, id(b, cluster.name()), cluster, clock));
    }

    @Override
    public List<MetricSeries> monitoring(CloudSession session, String cluster, MonitoringQuery query) {
        return call(session, "Cloud Eye", b -> CesMonitoring.read(clients, b, id(b, cluster), query));
    }

    @Override
    public List<AccessEntry> listAccess(CloudSession session, String cluster) {
        return call(session, "IAM", b -> {
            require(b, cluster);
            return CceAccess.list(clients, b);
        });
    }

    @Override
    public AccessEntry grantAccess(CloudSession session, String cluster, AccessGrant grant) {
        CceAccess.check(grant);
        return call(session, "IAM", b -> {
            require(b, cluster);
            return CceAccess.grant(clients, b, grant);
        });
    }

    @Override
    public void revokeAccess(CloudSession session, String cluster, String principal) {
        call(session, "IAM", b -> {
            require(b, cluster);
            CceAccess.revoke(clients, b, principal);
            return null;
        });
    }

    private List<Cluster> clusters(HuaweiClients.Bundle b) {
        var items = clients.invoke(b.cce().listClustersInvoker(new ListClustersRequest()))
                .getItems();
        return items == null ? List.of() : items;
    }

    private Cluster find(HuaweiClients.Bundle b, String name) {
        for (Cluster c : clusters(b)) {
            if (c.getMetadata() != null && name.equals(c.getMetadata().getName())) {
                return c;
            }
        }
        return null;
    }

    private Cluster require(HuaweiClients.Bundle b, String name) {
        Cluster c = find(b, name);
        if (c == null) {
            throw CloudProblems.notFound("Huawei Cloud CCE has no cluster named " + name + " in this project");
        }
        return c;
    }

    private String id(HuaweiClients.Bundle b, String name) {
        return require(b, name).getMetadata().getUid();
    }

    private <T> T call(CloudSession session, String service, Function<HuaweiClients.Bundle, T> work) {
        try {
            return work.apply(clients.of(session));
        } catch (SdkException e) {
            throw HuaweiErrors.translate(service, e);
        }
    }
}
