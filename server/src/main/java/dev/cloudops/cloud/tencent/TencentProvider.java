package dev.cloudops.cloud.tencent;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.sts.v20180813.models.GetCallerIdentityRequest;
import com.tencentcloudapi.tke.v20180525.TkeClient;
import com.tencentcloudapi.tke.v20180525.models.AutoUpgradeClusterLevel;
import com.tencentcloudapi.tke.v20180525.models.Cluster;
import com.tencentcloudapi.tke.v20180525.models.ClusterAdvancedSettings;
import com.tencentcloudapi.tke.v20180525.models.ClusterBasicSettings;
import com.tencentcloudapi.tke.v20180525.models.ClusterCIDRSettings;
import com.tencentcloudapi.tke.v20180525.models.CreateClusterRequest;
import com.tencentcloudapi.tke.v20180525.models.DeleteClusterRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeClusterEndpointsRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeClusterKubeconfigRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeClusterStatusRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeClustersRequest;
import com.tencentcloudapi.tke.v20180525.models.DisableClusterDeletionProtectionRequest;
import com.tencentcloudapi.tke.v20180525.models.EnableClusterDeletionProtectionRequest;
import com.tencentcloudapi.tke.v20180525.models.Filter;
import com.tencentcloudapi.tke.v20180525.models.ModifyClusterAttributeRequest;
import com.tencentcloudapi.tke.v20180525.models.NodePool;
import com.tencentcloudapi.tke.v20180525.models.Tag;
import com.tencentcloudapi.tke.v20180525.models.TagSpecification;
import com.tencentcloudapi.tke.v20180525.models.UpdateClusterVersionRequest;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Tencent Cloud TKE. Clusters, upgrades and node pools through the TKE API, identities through STS, metrics
 * through Cloud Monitor ({@code QCE/TKE2}), access through TKE's RBAC grants for CAM identities; cluster
 * credentials are the kubeconfig TKE issues the account's CAM identity (see {@link TkeKubeconfig}).
 *
 * <p>TKE addresses clusters by id ({@code cls-…}) and lets names repeat; the platform addresses them by name, so
 * a name must be unique in its region (creation refuses a taken one), and an id is accepted wherever a name is.
 */
@Component
class TencentProvider implements CloudClusterProvider {

    /** The regions TKE serves, as Tencent Cloud lists them. */
    static final Set<String> REGIONS = Set.of(
            "ap-guangzhou",
            "ap-shanghai",
            "ap-nanjing",
            "ap-beijing",
            "ap-chengdu",
            "ap-chongqing",
            "ap-hongkong",
            "ap-taipei",
            "ap-singapore",
            "ap-jakarta",
            "ap-seoul",
            "ap-tokyo",
            "ap-bangkok",
            "ap-mumbai",
            "na-siliconvalley",
            "na-ashburn",
            "na-toronto",
            "sa-saopaulo",
            "eu-frankfurt",
            "ap-shanghai-fsi",
            "ap-shenzhen-fsi");

    static final Set<String> CREATE_OPTIONS = Set.of(
            "clusterCidr",
            "serviceCidr",
            "networkType",
            "clusterLevel",
            "containerRuntime",
            "os",
            "description",
            "deletionProtection",
            "projectId");
    /** The basic settings ModifyClusterAttribute and the deletion protection switches change. */
    static final Set<String> SETTINGS =
            Set.of("description", "clusterLevel", "autoUpgradeClusterLevel", "deletionProtection");

    private static final Pattern CLUSTER_ID = Pattern.compile("cls-[a-z0-9]{8}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,49}");
    private static final Pattern VPC = Pattern.compile("vpc-[a-z0-9]{8}");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    private static final Pattern LEVEL = Pattern.compile("L\\d{1,5}");
    /** An update's target that is a version, not a list of settings. */
    private static final Pattern VERSION = Pattern.compile("v?\\d+\\.\\d+.*");

    private final TencentClients clients;

    TencentProvider(TencentClients clients) {
        this.clients = clients;
    }

    @Override
    public String id() {
        return "tencent";
    }

    @Override
    public String displayName() {
        return "Tencent Cloud TKE";
    }

    @Override
    public boolean knowsRegion(String region) {
        return region != null && REGIONS.contains(region);
    }

    @Override
    public Set<String> endpointServices() {
        return TencentClients.SERVICES;
    }

    @Override
    public CloudIdentity validate(CloudSession session) {
        return clients.call(session, "STS", b -> {
            var who = b.sts().GetCallerIdentity(new GetCallerIdentityRequest());
            return new CloudIdentity(who.getAccountId(), who.getArn(), who.getUserId());
        });
    }

    @Override
    public List<CloudCluster> listClusters(CloudSession session) {
        return clients.call(session, "TKE", b -> {
            List<CloudCluster> out = new ArrayList<>();
            long offset = 0;
            while (true) {
                var request = new DescribeClustersRequest();
                request.setOffset(offset);
                request.setLimit(100L);
                var page = b.tke().DescribeClusters(request);
                Cluster[] clusters = page.getClusters() == null ? new Cluster[0] : page.getClusters();
                for (Cluster c : clusters) {
                    out.add(TkeMapping.cluster(c, session.region(), null, null, List.of()));
                }
                offset += clusters.length;
                if (clusters.length == 0 || page.getTotalCount() == null || offset >= page.getTotalCount()) {
                    return out;
                }
            }
        });
    }

    @Override
    public CloudCluster describeCluster(CloudSession session, String name) {
        return clients.call(session, "TKE", b -> describe(b.tke(), session.region(), find(b.tke(), name)));
    }

    private static CloudCluster describe(TkeClient tke, String region, Cluster c) throws TencentCloudSDKException {
        CloudStatus status = TkeMapping.status(c.getClusterStatus());
        if (status != CloudStatus.ACTIVE && status != CloudStatus.UPDATING && status != CloudStatus.DEGRADED) {
            return TkeMapping.cluster(c, region, null, null, List.of());
        }
        List<NodePool> pools = TencentNodePools.all(tke, c.getClusterId());
        var request = new DescribeClusterEndpointsRequest();
        request.setClusterId(c.getClusterId());
        var endpoints = tke.DescribeClusterEndpoints(request);
        boolean external = !blank(endpoints.getClusterExternalEndpoint());
        String host = external ? endpoints.getClusterExternalEndpoint() : endpoints.getClusterIntranetEndpoint();
        String url = blank(host) ? null : host.contains("://") ? host : "https://" + host;
        return TkeMapping.cluster(c, region, url, caData(endpoints.getCertificationAuthority()), pools)
                .withSettings(Map.of("endpointPublicAccess", String.valueOf(external)));
    }

    @Override
    public void checkNewCluster(NewCluster spec) {
        if (!NAME.matcher(spec.name()).matches()
                || CLUSTER_ID.matcher(spec.name()).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "TKE cluster names here are 1-50 letters, digits, '-', '_' or '.', and not like a cluster id",
                    "name");
        }
        for (String option : spec.options().keySet()) {
            if (!CREATE_OPTIONS.contains(option)) {
                throw ApiException.badRequest(
                        "invalid-field",
                        "Unknown TKE option '" + option + "'; known: " + CREATE_OPTIONS,
                        "options." + option);
            }
        }
        if (spec.vpcId() == null || !VPC.matcher(spec.vpcId()).matches()) {
            throw ApiException.badRequest("invalid-field", "TKE needs the cluster's VPC: vpc-xxxxxxxx", "vpcId");
        }
        if (!spec.securityGroupIds().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "A TKE managed cluster takes no security groups at creation; set them on node pools",
                    "securityGroupIds");
        }
        var o = spec.options();
        boolean vpcCni = "VPC-CNI".equals(o.get("networkType"));
        if (o.containsKey("networkType") && !vpcCni && !"GR".equals(o.get("networkType"))) {
            throw ApiException.badRequest("invalid-field", "networkType must be GR or VPC-CNI", "options.networkType");
        }
        if (vpcCni ? spec.subnetIds().isEmpty() : !cidr(o.get("clusterCidr"))) {
            throw ApiException.badRequest(
                    "invalid-field",
                    vpcCni
                            ? "A VPC-CNI cluster needs subnetIds for its pods' network interfaces"
                            : "TKE needs options.clusterCidr, a private CIDR block for pods (e.g. 172.16.0.0/16)",
                    vpcCni ? "subnetIds" : "options.clusterCidr");
        }
        if (o.containsKey("serviceCidr") && !cidr(o.get("serviceCidr"))) {
            throw ApiException.badRequest("invalid-field", "serviceCidr must be a CIDR block", "options.serviceCidr");
        }
        if (o.containsKey("clusterLevel")
                && !LEVEL.matcher(o.get("clusterLevel")).matches()) {
            throw ApiException.badRequest(
                    "invalid-field", "clusterLevel is L5, L20, L50, L100 …", "options.clusterLevel");
        }
        checkBool(o.get("deletionProtection"), "options.deletionProtection");
        if (o.containsKey("projectId") && !o.get("projectId").matches("\\d{1,12}")) {
            throw ApiException.badRequest("invalid-field", "projectId must be a number", "options.projectId");
        }
    }

    @Override
    public CloudOperation createCluster(CloudSession session, NewCluster spec) {
        return clients.call(session, "TKE", b -> {
            if (lookup(b.tke(), spec.name()).isPresent()) {
                throw CloudProblems.conflict("A TKE cluster named " + spec.name() + " exists in " + session.region());
            }
            var o = spec.options();
            var cidrs = new ClusterCIDRSettings();
            cidrs.setClusterCIDR(o.get("clusterCidr"));
            cidrs.setServiceCIDR(o.get("serviceCidr"));
            if ("VPC-CNI".equals(o.get("networkType"))) {
                cidrs.setEniSubnetIds(spec.subnetIds().toArray(String[]::new));
            }
            var basic = new ClusterBasicSettings();
            basic.setClusterName(spec.name());
            basic.setClusterVersion(spec.version());
            basic.setVpcId(spec.vpcId());
            basic.setClusterDescription(o.get("description"));
            basic.setClusterOs(o.get("os"));
            basic.setClusterLevel(o.get("clusterLevel"));
            basic.setProjectId(o.containsKey("projectId") ? Long.valueOf(o.get("projectId")) : null);
            if (!spec.tags().isEmpty()) {
                var tags = new TagSpecification();
                tags.setResourceType("cluster");
                tags.setTags(spec.tags().entrySet().stream()
                        .map(e -> {
                            var t = new Tag();
                            t.setKey(e.getKey());
                            t.setValue(e.getValue());
                            return t;
                        })
                        .toArray(Tag[]::new));
                basic.setTagSpecification(new TagSpecification[] {tags});
            }
            var advanced = new ClusterAdvancedSettings();
            advanced.setContainerRuntime(o.getOrDefault("containerRuntime", "containerd"));
            advanced.setNetworkType(o.getOrDefault("networkType", "GR"));
            advanced.setDeletionProtection(
                    o.containsKey("deletionProtection") ? Boolean.valueOf(o.get("deletionProtection")) : null);
            var request = new CreateClusterRequest();
            request.setClusterType("MANAGED_CLUSTER");
            request.setClusterCIDRSettings(cidrs);
            request.setClusterBasicSettings(basic);
            request.setClusterAdvancedSettings(advanced);
            String id = b.tke().CreateCluster(request).getClusterId();
            return new CloudOperation(OperationKind.CREATE_CLUSTER, spec.name(), null, id, spec.version());
        });
    }

    @Override
    public void checkChange(CloudCluster current, ClusterChange change) {
        if (change.version() != null && !change.settings().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "TKE changes the version or settings, one at a time: send two requests",
                    "settings");
        }
        if (change.version() != null && KubeVersions.minorSteps(current.version(), change.version()) > 1) {
            int[] v = KubeVersions.parse(current.version(), "version");
            throw ApiException.badRequest(
                    "invalid-version",
                    "TKE upgrades one minor version at a time: from " + current.version() + " the next is " + v[0] + "."
                            + (v[1] + 1),
                    "version");
        }
        for (var e : change.settings().entrySet()) {
            String field = "settings." + e.getKey();
            if (!SETTINGS.contains(e.getKey())) {
                throw ApiException.badRequest(
                        "invalid-setting", "TKE cannot change '" + e.getKey() + "' here; settings: " + SETTINGS, field);
            }
            if (e.getKey().equals("clusterLevel")
                    && !LEVEL.matcher(e.getValue()).matches()) {
                throw ApiException.badRequest("invalid-setting", "clusterLevel is L5, L20, L50 …", field);
            }
            if (e.getKey().equals("autoUpgradeClusterLevel") || e.getKey().equals("deletionProtection")) {
                if (!"true".equals(e.getValue()) && !"false".equals(e.getValue())) {
                    throw ApiException.badRequest("invalid-setting", field + " must be true or false", field);
                }
            }
            if (e.getKey().equals("description")
                    && (e.getValue() == null || e.getValue().length() > 256)) {
                throw ApiException.badRequest("invalid-setting", "description is at most 256 characters", field);
            }
        }
    }

    @Override
    public CloudOperation updateCluster(CloudSession session, String name, ClusterChange change) {
        return clients.call(session, "TKE", b -> {
            String id = find(b.tke(), name).getClusterId();
            if (change.version() != null) {
                var request = new UpdateClusterVersionRequest();
                request.setClusterId(id);
                request.setDstVersion(change.version());
                b.tke().UpdateClusterVersion(request);
                return new CloudOperation(OperationKind.UPDATE_CLUSTER, name, null, id, change.version());
            }
            Map<String, String> s = change.settings();
            if (s.containsKey("description")
                    || s.containsKey("clusterLevel")
                    || s.containsKey("autoUpgradeClusterLevel")) {
                var request = new ModifyClusterAttributeRequest();
                request.setClusterId(id);
                request.setClusterDesc(s.get("description"));
                request.setClusterLevel(s.get("clusterLevel"));
                if (s.containsKey("autoUpgradeClusterLevel")) {
                    var auto = new AutoUpgradeClusterLevel();
                    auto.setIsAutoUpgrade(Boolean.parseBoolean(s.get("autoUpgradeClusterLevel")));
                    request.setAutoUpgradeClusterLevel(auto);
                }
                b.tke().ModifyClusterAttribute(request);
            }
            if ("true".equals(s.get("deletionProtection"))) {
                var request = new EnableClusterDeletionProtectionRequest();
                request.setClusterId(id);
                b.tke().EnableClusterDeletionProtection(request);
            } else if ("false".equals(s.get("deletionProtection"))) {
                var request = new DisableClusterDeletionProtectionRequest();
                request.setClusterId(id);
                b.tke().DisableClusterDeletionProtection(request);
            }
            return new CloudOperation(
                    OperationKind.UPDATE_CLUSTER,
                    name,
                    null,
                    id,
                    String.join(", ", new java.util.TreeSet<>(s.keySet())));
        });
    }

    /** Deletes the cluster and terminates its pay-as-you-go nodes (TKE's {@code terminate} mode). */
    @Override
    public CloudOperation deleteCluster(CloudSession session, String name) {
        return clients.call(session, "TKE", b -> {
            String id = find(b.tke(), name).getClusterId();
            var request = new DeleteClusterRequest();
            request.setClusterId(id);
            request.setInstanceDeleteMode("terminate");
            b.tke().DeleteCluster(request);
            return new CloudOperation(OperationKind.DELETE_CLUSTER, name, null, id, null);
        });
    }

    @Override
    public OperationProgress poll(CloudSession session, CloudOperation op) {
        return clients.call(session, "TKE", b -> switch (op.kind()) {
            case CREATE_CLUSTER, DELETE_CLUSTER -> pollState(b.tke(), op);
            case UPDATE_CLUSTER -> pollUpdate(b.tke(), op);
            case CREATE_NODE_GROUP, UPDATE_NODE_GROUP, DELETE_NODE_GROUP -> TencentNodePools.poll(b.tke(), op);
        });
    }

    private static OperationProgress pollState(TkeClient tke, CloudOperation op) throws TencentCloudSDKException {
        boolean deleting = op.kind() == OperationKind.DELETE_CLUSTER;
        var request = new DescribeClusterStatusRequest();
        request.setClusterIds(new String[] {op.reference()});
        var set = tke.DescribeClusterStatus(request).getClusterStatusSet();
        var state = set == null
                ? null
                : java.util.Arrays.stream(set)
                        .filter(s -> op.reference().equals(s.getClusterId()))
                        .findFirst()
                        .orElse(null);
        if (state == null || "ResourceDestroyed".equals(state.getClusterState())) {
            return deleting
                    ? OperationProgress.succeeded("Deleted")
                    : OperationProgress.failed("NotFound", "The cluster disappeared while it was being created");
        }
        String phase = state.getClusterState();
        if (deleting) {
            return OperationProgress.running(phase);
        }
        return switch (TkeMapping.status(phase)) {
            case ACTIVE -> OperationProgress.succeeded(phase);
            case DEGRADED -> OperationProgress.failed(phase, "TKE reports the cluster " + phase);
            case DELETING, DELETED -> OperationProgress.failed(phase, "The cluster is being deleted");
            default -> OperationProgress.running(phase);
        };
    }

    private static OperationProgress pollUpdate(TkeClient tke, CloudOperation op) throws TencentCloudSDKException {
        Cluster c = lookup(tke, op.reference())
                .orElseThrow(() -> CloudProblems.notFound("TKE cluster " + op.reference() + " is gone"));
        String phase = c.getClusterStatus();
        CloudStatus status = TkeMapping.status(phase);
        if (status == CloudStatus.DEGRADED) {
            return OperationProgress.failed(phase, "TKE reports the cluster " + phase);
        }
        boolean versionChange =
                op.target() != null && VERSION.matcher(op.target()).matches();
        boolean reached = !versionChange || KubeVersions.minorSteps(c.getClusterVersion(), op.target()) <= 0;
        return status == CloudStatus.ACTIVE && reached
                ? OperationProgress.succeeded(phase)
                : OperationProgress.running(phase);
    }

    @Override
    public List<NodeGroup> listNodeGroups(CloudSession session, String cluster) {
        return clients.call(
                session,
                "TKE",
                b -> TencentNodePools.all(b.tke(), find(b.tke(), cluster).getClusterId()).stream()
                        .map(TkeMapping::nodeGroup)
                        .toList());
    }

    @Override
    public NodeGroup describeNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return clients.call(
                session,
                "TKE",
                b -> TkeMapping.nodeGroup(
                        TencentNodePools.find(b.tke(), find(b.tke(), cluster).getClusterId(), nodeGroup)));
    }

    @Override
    public CloudOperation createNodeGroup(CloudSession session, String cluster, NewNodeGroup spec) {
        TencentNodePools.check(spec);
        return clients.call(session, "TKE", b -> {
            Cluster c = find(b.tke(), cluster);
            String vpc = c.getClusterNetworkSettings() == null
                    ? null
                    : c.getClusterNetworkSettings().getVpcId();
            return TencentNodePools.create(b.tke(), cluster, c.getClusterId(), vpc, c.getClusterVersion(), spec);
        });
    }

    @Override
    public CloudOperation scaleNodeGroup(
            CloudSession session, String cluster, String nodeGroup, NodeGroupScaling scaling) {
        return clients.call(session, "TKE", b -> {
            String id = find(b.tke(), cluster).getClusterId();
            return TencentNodePools.scale(b.tke(), cluster, id, TencentNodePools.find(b.tke(), id, nodeGroup), scaling);
        });
    }

    @Override
    public CloudOperation upgradeNodeGroup(CloudSession session, String cluster, String nodeGroup, String version) {
        return clients.call(session, "TKE", b -> {
            Cluster c = find(b.tke(), cluster);
            NodePool pool = TencentNodePools.find(b.tke(), c.getClusterId(), nodeGroup);
            return TencentNodePools.upgrade(b.tke(), cluster, c.getClusterId(), c.getClusterVersion(), pool, version);
        });
    }

    @Override
    public CloudOperation deleteNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return clients.call(session, "TKE", b -> {
            String id = find(b.tke(), cluster).getClusterId();
            return TencentNodePools.delete(b.tke(), cluster, id, TencentNodePools.find(b.tke(), id, nodeGroup));
        });
    }

    /**
     * The kubeconfig TKE issues the account's CAM identity, for the API server's public address when the cluster
     * has one (else the private one); it expires with its client certificate.
     */
    @Override
    public ClusterCredentials credentials(CloudSession session, CloudCluster cluster) {
        if (cluster.endpoint() == null) {
            throw ApiException.conflict(
                    "cloud-cluster-not-active",
                    "Cluster " + cluster.name() + " has no API server endpoint enabled (public or private)",
                    null);
        }
        return clients.call(session, "TKE", b -> {
            var request = new DescribeClusterKubeconfigRequest();
            request.setClusterId(cluster.cloudId());
            request.setIsExtranet(Boolean.parseBoolean(cluster.settings().get("endpointPublicAccess")));
            String kubeconfig = b.tke().DescribeClusterKubeconfig(request).getKubeconfig();
            if (blank(kubeconfig)) {
                throw CloudProblems.unavailable("TKE answered no kubeconfig for cluster " + cluster.name());
            }
            return ClusterCredentials.ofKubeconfig(kubeconfig, TkeKubeconfig.expiry(kubeconfig));
        });
    }

    @Override
    public List<MetricSeries> monitoring(CloudSession session, String cluster, MonitoringQuery query) {
        TencentMonitoring.check(query);
        String id = clients.call(session, "TKE", b -> find(b.tke(), cluster).getClusterId());
        return clients.call(session, "Cloud Monitor", b -> TencentMonitoring.read(b.monitor(), id, query));
    }

    @Override
    public List<AccessEntry> listAccess(CloudSession session, String cluster) {
        return clients.call(
                session,
                "TKE",
                b -> TencentAccess.list(b.tke(), b.cam(), find(b.tke(), cluster).getClusterId()));
    }

    @Override
    public AccessEntry grantAccess(CloudSession session, String cluster, AccessGrant grant) {
        TencentAccess.check(grant);
        return clients.call(
                session,
                "TKE",
                b -> TencentAccess.grant(b.tke(), find(b.tke(), cluster).getClusterId(), grant));
    }

    @Override
    public void revokeAccess(CloudSession session, String cluster, String principal) {
        clients.call(session, "TKE", b -> {
            TencentAccess.revoke(b.tke(), find(b.tke(), cluster).getClusterId(), principal);
            return null;
        });
    }

    /** The cluster of that name or id; {@code 404 cloud-not-found}, {@code 409 cloud-conflict} when ambiguous. */
    static Cluster find(TkeClient tke, String nameOrId) throws TencentCloudSDKException {
        return lookup(tke, nameOrId)
                .orElseThrow(() -> CloudProblems.notFound("TKE has no cluster " + nameOrId + " in this region"));
    }

    private static Optional<Cluster> lookup(TkeClient tke, String nameOrId) throws TencentCloudSDKException {
        var request = new DescribeClustersRequest();
        boolean byId = CLUSTER_ID.matcher(nameOrId).matches();
        if (byId) {
            request.setClusterIds(new String[] {nameOrId});
        } else {
            var filter = new Filter();
            filter.setName("ClusterName");
            filter.setValues(new String[] {nameOrId});
            request.setFilters(new Filter[] {filter});
        }
        request.setLimit(100L);
        Cluster[] found = tke.DescribeClusters(request).getClusters();
        List<Cluster> matches = found == null
                ? List.of()
                : java.util.Arrays.stream(found)
                        .filter(c -> nameOrId.equals(byId ? c.getClusterId() : c.getClusterName()))
                        .toList();
        if (matches.size() > 1) {
            throw CloudProblems.conflict(matches.size() + " TKE clusters are named " + nameOrId + " ("
                    + String.join(
                            ", ", matches.stream().map(Cluster::getClusterId).toList())
                    + "); address one by its id");
        }
        return matches.stream().findFirst();
    }

    /** The CA as base64 PEM, whether TKE answers it as PEM or already encoded. */
    private static String caData(String ca) {
        if (blank(ca)) {
            return null;
        }
        return ca.contains("-----BEGIN")
                ? Base64.getEncoder().encodeToString(ca.getBytes(StandardCharsets.UTF_8))
                : ca.trim();
    }

    private static boolean cidr(String value) {
        return value != null && CIDR.matcher(value).matches();
    }

    private static void checkBool(String value, String field) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest("invalid-field", field + " must be true or false", field);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
