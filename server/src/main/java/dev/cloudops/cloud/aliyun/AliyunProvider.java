package dev.cloudops.cloud.aliyun;

import com.aliyun.cs20151215.models.CreateClusterRequest;
import com.aliyun.cs20151215.models.DeleteClusterRequest;
import com.aliyun.cs20151215.models.DescribeClusterUserKubeconfigRequest;
import com.aliyun.cs20151215.models.Tag;
import com.aliyun.cs20151215.models.UpgradeClusterRequest;
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
import dev.cloudops.cloud.aliyun.AckMapping.AckCluster;
import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Alibaba Cloud Container Service for Kubernetes (ACK). Clusters, upgrades, node pools, kubeconfigs and RBAC
 * grants through the ACK API (cs 2015-12-15), identities and roles through STS, metrics through CloudMonitor,
 * the users and roles access is listed for through RAM. ACK addresses clusters by id; the platform by name, so
 * every call first finds the cluster by its name in the region (or takes an ACK cluster id as the name).
 */
@Component
class AliyunProvider implements CloudClusterProvider {

    /** How long a kubeconfig ACK issues for the platform stays valid (ACK allows 15 minutes to 3 days). */
    static final Duration KUBECONFIG_LIFETIME = Duration.ofHours(3);

    private static final Pattern ACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern VPC = Pattern.compile("vpc-[a-z0-9]{6,64}");
    private static final Pattern VSWITCH = Pattern.compile("vsw-[a-z0-9]{6,64}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[a-z0-9]{6,64}");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    private static final Set<String> SPECS = Set.of("ack.pro.small", "ack.standard");
    private static final Set<String> CREATE_OPTIONS = Set.of(
            "clusterSpec",
            "endpointPublicAccess",
            "snatEntry",
            "deletionProtection",
            "serviceCidr",
            "containerCidr",
            "proxyMode",
            "resourceGroupId");

    private final AliyunClients clients;
    private final Clock clock;

    AliyunProvider(AliyunClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "aliyun";
    }

    @Override
    public String displayName() {
        return "Alibaba Cloud ACK";
    }

    @Override
    public boolean knowsRegion(String region) {
        return region != null && AliyunRegions.REGIONS.contains(region);
    }

    @Override
    public Set<String> endpointServices() {
        return Set.of("cs", "sts", "cms", "ram");
    }

    @Override
    public CloudIdentity validate(CloudSession session) {
        return clients.call(session, "STS", b -> {
            var who = b.sts().getCallerIdentityWithOptions(b.runtime()).getBody();
            return new CloudIdentity(who.accountId, who.arn, who.userId);
        });
    }

    @Override
    public List<CloudCluster> listClusters(CloudSession session) {
        return clients.call(
                session,
                "ACK",
                b -> AckApi.clusters(b, session.region(), null).stream()
                        .map(c -> AckMapping.cluster(c, session.region(), List.of()))
                        .toList());
    }

    @Override
    public CloudCluster describeCluster(CloudSession session, String name) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), name);
            CloudStatus status = AckMapping.status(c.state());
            var pools = status == CloudStatus.ACTIVE || status == CloudStatus.UPDATING
                    ? AckApi.pools(b, c.id())
                    : List
                            .<com.aliyun.cs20151215.models.DescribeClusterNodePoolsResponseBody
                                            .DescribeClusterNodePoolsResponseBodyNodepools>
                                    of();
            return AckMapping.cluster(c, session.region(), pools);
        });
    }

    @Override
    public void checkNewCluster(NewCluster spec) {
        if (!ACK_NAME.matcher(spec.name()).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "ACK cluster names are 1-63 letters, digits, '-' and '_', starting with a letter or digit",
                    "name");
        }
        for (String option : spec.options().keySet()) {
            if (!CREATE_OPTIONS.contains(option)) {
                throw AckApi.invalid(
                        "Unknown ACK option '" + option + "'; known: " + CREATE_OPTIONS, "options." + option);
            }
        }
        if (spec.vpcId() == null || !VPC.matcher(spec.vpcId()).matches()) {
            throw AckApi.invalid("ACK needs vpcId: the id of the cluster's VPC (vpc-…)", "vpcId");
        }
        if (spec.subnetIds().isEmpty()
                || spec.subnetIds().stream().anyMatch(v -> !VSWITCH.matcher(v).matches())) {
            throw AckApi.invalid("ACK needs at least one vSwitch id (vsw-…) in subnetIds", "subnetIds");
        }
        if (spec.securityGroupIds().size() > 1
                || spec.securityGroupIds().stream()
                        .anyMatch(g -> !SECURITY_GROUP.matcher(g).matches())) {
            throw AckApi.invalid("ACK takes at most one security group id (sg-…)", "securityGroupIds");
        }
        var o = spec.options();
        if (o.containsKey("clusterSpec") && !SPECS.contains(o.get("clusterSpec"))) {
            throw AckApi.invalid("clusterSpec must be ack.pro.small or ack.standard", "options.clusterSpec");
        }
        for (String flag : List.of("endpointPublicAccess", "snatEntry", "deletionProtection")) {
            bool(o.get(flag), "options." + flag, false);
        }
        for (String cidr : List.of("serviceCidr", "containerCidr")) {
            if (o.containsKey(cidr) && !CIDR.matcher(o.get(cidr)).matches()) {
                throw AckApi.invalid(cidr + " must be an IPv4 CIDR block", "options." + cidr);
            }
        }
        if (o.containsKey("proxyMode") && !Set.of("iptables", "ipvs").contains(o.get("proxyMode"))) {
            throw AckApi.invalid("proxyMode must be iptables or ipvs", "options.proxyMode");
        }
    }

    @Override
    public CloudOperation createCluster(CloudSession session, NewCluster spec) {
        return clients.call(session, "ACK", b -> {
            var o = spec.options();
            List<Tag> tags = new ArrayList<>();
            spec.tags().forEach((k, v) -> tags.add(new Tag().setKey(k).setValue(v)));
            var request = new CreateClusterRequest()
                    .setName(spec.name())
                    .setRegionId(session.region())
                    .setClusterType("ManagedKubernetes")
                    .setClusterSpec(o.getOrDefault("clusterSpec", "ack.pro.small"))
                    .setKubernetesVersion(spec.version())
                    .setVpcid(spec.vpcId())
                    .setVswitchIds(spec.subnetIds())
                    .setSecurityGroupId(
                            spec.securityGroupIds().isEmpty()
                                    ? null
                                    : spec.securityGroupIds().get(0))
                    .setIsEnterpriseSecurityGroup(spec.securityGroupIds().isEmpty() ? true : null)
                    .setEndpointPublicAccess(bool(o.get("endpointPublicAccess"), "", true))
                    .setSnatEntry(bool(o.get("snatEntry"), "", true))
                    .setDeletionProtection(bool(o.get("deletionProtection"), "", false))
                    .setServiceCidr(o.get("serviceCidr"))
                    .setContainerCidr(o.get("containerCidr"))
                    .setProxyMode(o.get("proxyMode"))
                    .setResourceGroupId(o.get("resourceGroupId"))
                    .setNumOfNodes(0L)
                    .setTags(tags.isEmpty() ? null : tags);
            var created = b.cs().createClusterWithOptions(request, new HashMap<>(), b.runtime())
                    .getBody();
            return new CloudOperation(
                    OperationKind.CREATE_CLUSTER, spec.name(), null, Reference.task(created.taskId), spec.version());
        });
    }

    @Override
    public void checkChange(CloudCluster current, ClusterChange change) {
        if (change.version() != null && !change.settings().isEmpty()) {
            throw AckApi.invalid(
                    "ACK upgrades the version and changes settings separately: send two requests", "settings");
        }
        if (change.version() != null && KubeVersions.minorSteps(current.version(), change.version()) > 1) {
            int[] v = KubeVersions.parse(current.version(), "version");
            throw ApiException.badRequest(
                    "invalid-version",
                    "ACK upgrades one minor version at a time: from " + current.version() + " the next is " + v[0] + "."
                            + (v[1] + 1),
                    "version");
        }
        AliyunSettings.check(change.settings());
    }

    @Override
    public CloudOperation updateCluster(CloudSession session, String name, ClusterChange change) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), name);
            if (change.version() != null) {
                b.cs().upgradeClusterWithOptions(
                                c.id(),
                                new UpgradeClusterRequest()
                                        .setVersion(c.version())
                                        .setNextVersion(change.version()),
                                new HashMap<>(),
                                b.runtime());
                return new CloudOperation(
                        OperationKind.UPDATE_CLUSTER, name, null, Reference.upgrade(c.id()), change.version());
            }
            var modified = b.cs().modifyClusterWithOptions(
                            c.id(),
                            AliyunSettings.request(change.settings(), c.maintenanceWindow()),
                            new HashMap<>(),
                            b.runtime())
                    .getBody();
            return new CloudOperation(
                    OperationKind.UPDATE_CLUSTER,
                    name,
                    null,
                    Reference.task(modified == null ? null : modified.taskId),
                    String.join(
                            ", ", change.settings().keySet().stream().sorted().toList()));
        });
    }

    @Override
    public CloudOperation deleteCluster(CloudSession session, String name) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), name);
            b.cs().deleteClusterWithOptions(
                            c.id(),
                            new DeleteClusterRequest().setRetainAllResources(false),
                            new HashMap<>(),
                            b.runtime());
            return new CloudOperation(OperationKind.DELETE_CLUSTER, name, null, c.id(), null);
        });
    }

    @Override
    public OperationProgress poll(CloudSession session, CloudOperation op) {
        return clients.call(session, "ACK", b -> switch (op.kind()) {
            case CREATE_CLUSTER -> AckPolls.create(b, session.region(), op);
            case DELETE_CLUSTER -> AckPolls.delete(b, session.region(), op);
            case UPDATE_CLUSTER -> AckPolls.update(b, op);
            case CREATE_NODE_GROUP, UPDATE_NODE_GROUP, DELETE_NODE_GROUP ->
                AliyunNodePools.poll(b, AckApi.cluster(b, session.region(), op.cluster()), op);
        });
    }

    @Override
    public List<NodeGroup> listNodeGroups(CloudSession session, String cluster) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            return AckApi.pools(b, c.id()).stream().map(AckMapping::nodeGroup).toList();
        });
    }

    @Override
    public NodeGroup describeNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            return AckMapping.nodeGroup(AckApi.pool(b, c.id(), c.name(), nodeGroup));
        });
    }

    @Override
    public CloudOperation createNodeGroup(CloudSession session, String cluster, NewNodeGroup spec) {
        AliyunNodePools.check(spec);
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            if (AckApi.findPool(AckApi.pools(b, c.id()), spec.name()).isPresent()) {
                throw CloudProblems.conflict(
                        "ACK cluster " + c.name() + " already has a node pool named " + spec.name());
            }
            return AliyunNodePools.create(b, c, spec);
        });
    }

    @Override
    public CloudOperation scaleNodeGroup(
            CloudSession session, String cluster, String nodeGroup, NodeGroupScaling scaling) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            var pool = AckApi.pool(b, c.id(), c.name(), nodeGroup);
            return AliyunNodePools.scale(b, c, pool.nodepoolInfo.nodepoolId, nodeGroup, scaling);
        });
    }

    @Override
    public CloudOperation upgradeNodeGroup(CloudSession session, String cluster, String nodeGroup, String version) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            var pool = AckApi.pool(b, c.id(), c.name(), nodeGroup);
            return AliyunNodePools.upgrade(b, c, pool.nodepoolInfo.nodepoolId, nodeGroup, version);
        });
    }

    @Override
    public CloudOperation deleteNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return clients.call(session, "ACK", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            var pool = AckApi.pool(b, c.id(), c.name(), nodeGroup);
            return AliyunNodePools.delete(b, c, pool.nodepoolInfo.nodepoolId, nodeGroup);
        });
    }

    /**
     * A kubeconfig from DescribeClusterUserKubeconfig: the platform's RAM identity's own client certificate,
     * temporary ({@link #KUBECONFIG_LIFETIME}), for the public endpoint, or the VPC one when there is none.
     */
    @Override
    public ClusterCredentials credentials(CloudSession session, CloudCluster cluster) {
        if (cluster.endpoint() == null) {
            throw ApiException.conflict(
                    "cloud-cluster-not-active", "Cluster " + cluster.name() + " has no API server endpoint yet", null);
        }
        boolean privateOnly = "false".equals(cluster.settings().get("endpointPublicAccess"));
        return clients.call(session, "ACK", b -> {
            var body = b.cs().describeClusterUserKubeconfigWithOptions(
                            cluster.cloudId(),
                            new DescribeClusterUserKubeconfigRequest()
                                    .setTemporaryDurationMinutes(KUBECONFIG_LIFETIME.toMinutes())
                                    .setPrivateIpAddress(privateOnly),
                            new HashMap<>(),
                            b.runtime())
                    .getBody();
            if (body == null || body.config == null || body.config.isBlank()) {
                throw CloudProblems.unavailable("ACK answered no kubeconfig for cluster " + cluster.name());
            }
            Instant expires = expiration(body.expiration);
            return ClusterCredentials.ofKubeconfig(body.config, expires);
        });
    }

    /** ACK's expiration (RFC 3339, UTC or with an offset); without one, the lifetime asked for. */
    private Instant expiration(String text) {
        Instant parsed = AckMapping.instant(text);
        if (parsed == null && text != null && !text.isBlank()) {
            try {
                parsed = Instant.parse(text.trim());
            } catch (java.time.format.DateTimeParseException e) {
                parsed = null;
            }
        }
        return parsed != null ? parsed : clock.instant().plus(KUBECONFIG_LIFETIME);
    }

    @Override
    public List<MetricSeries> monitoring(CloudSession session, String cluster, MonitoringQuery query) {
        return clients.call(session, "CloudMonitor", b -> {
            AckCluster c = AckApi.cluster(b, session.region(), cluster);
            return AliyunMonitoring.read(b, c.id(), query);
        });
    }

    @Override
    public List<AccessEntry> listAccess(CloudSession session, String cluster) {
        return clients.call(session, "ACK", b -> AliyunAccess.list(b, AckApi.cluster(b, session.region(), cluster)));
    }

    @Override
    public AccessEntry grantAccess(CloudSession session, String cluster, AccessGrant grant) {
        AliyunAccess.check(grant);
        return clients.call(
                session, "ACK", b -> AliyunAccess.grant(b, AckApi.cluster(b, session.region(), cluster), grant));
    }

    @Override
    public void revokeAccess(CloudSession session, String cluster, String principal) {
        clients.call(session, "ACK", b -> {
            AliyunAccess.revoke(b, AckApi.cluster(b, session.region(), cluster), principal);
            return null;
        });
    }

    /** "true" or "false"; null gives {@code absent}. */
    private static boolean bool(String value, String field, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw AckApi.invalid(field + " must be true or false", field);
        }
        return Boolean.parseBoolean(value);
    }
}
