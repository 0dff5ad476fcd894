package dev.cloudops.cloud.aws;

import dev.cloudops.cloud.AccessEntry;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.cloud.CloudCluster;
import dev.cloudops.cloud.CloudClusterProvider;
import dev.cloudops.cloud.CloudIdentity;
import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudOperation.OperationKind;
import dev.cloudops.cloud.CloudSession;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.model.AuthenticationMode;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eks.model.Update;
import software.amazon.awssdk.services.eks.model.UpdateStatus;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Amazon EKS. Clusters, updates and node groups through the EKS API, identities through STS, metrics through
 * CloudWatch Container Insights, access through EKS access entries; cluster credentials are EKS tokens (see
 * {@link EksToken}).
 */
@Component
class AwsProvider implements CloudClusterProvider {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern EKS_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final Set<String> CREATE_OPTIONS =
            Set.of("roleArn", "endpointPublicAccess", "endpointPrivateAccess", "authenticationMode");

    private final AwsClients clients;
    private final Clock clock;

    AwsProvider(AwsClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "aws";
    }

    @Override
    public String displayName() {
        return "Amazon EKS";
    }

    @Override
    public boolean knowsRegion(String region) {
        return region != null
                && REGION.matcher(region).matches()
                && Region.regions().contains(Region.of(region));
    }

    @Override
    public Set<String> endpointServices() {
        return Set.of("eks", "sts", "cloudwatch");
    }

    @Override
    public CloudIdentity validate(CloudSession session) {
        Function<AwsClients.Bundle, CloudIdentity> ask = b -> {
            GetCallerIdentityResponse who = b.sts().getCallerIdentity();
            return new CloudIdentity(who.account(), who.arn(), who.userId());
        };
        if (session.accountId() != 0) {
            return call(session, "STS", ask);
        }
        try (AwsClients.Bundle bundle = clients.uncached(session)) {
            return ask.apply(bundle);
        } catch (SdkException e) {
            throw AwsErrors.translate("STS", e);
        }
    }

    @Override
    public List<CloudCluster> listClusters(CloudSession session) {
        return call(session, "EKS", b -> {
            List<CloudCluster> out = new ArrayList<>();
            for (String name :
                    b.eks().listClustersPaginator(r -> r.maxResults(100)).clusters()) {
                Cluster c = b.eks().describeCluster(r -> r.name(name)).cluster();
                out.add(EksMapping.cluster(c, session.region(), List.of()));
            }
            return out;
        });
    }

    @Override
    public CloudCluster describeCluster(CloudSession session, String name) {
        return call(session, "EKS", b -> {
            Cluster c = b.eks().describeCluster(r -> r.name(name)).cluster();
            List<Nodegroup> groups = c.status() == ClusterStatus.ACTIVE || c.status() == ClusterStatus.UPDATING
                    ? AwsNodeGroups.describeAll(b.eks(), name)
                    : List.of();
            return EksMapping.cluster(c, session.region(), groups);
        });
    }

    @Override
    public void checkNewCluster(NewCluster spec) {
        if (!EKS_NAME.matcher(spec.name()).matches()) {
            throw ApiException.badRequest(
                    "invalid-name",
                    "EKS cluster names are 1-100 letters, digits, '-' and '_', starting with a letter or digit",
                    "name");
        }
        for (String option : spec.options().keySet()) {
            if (!CREATE_OPTIONS.contains(option)) {
                throw ApiException.badRequest(
                        "invalid-field",
                        "Unknown EKS option '" + option + "'; known: " + CREATE_OPTIONS,
                        "options." + option);
            }
        }
        String role = spec.options().get("roleArn");
        if (role == null || !role.startsWith("arn:")) {
            throw ApiException.badRequest(
                    "invalid-field", "EKS needs options.roleArn: the ARN of the cluster's IAM role", "options.roleArn");
        }
        if (spec.subnetIds().size() < 2) {
            throw ApiException.badRequest(
                    "invalid-field", "EKS needs at least two subnets in different availability zones", "subnetIds");
        }
        for (String flag : List.of("endpointPublicAccess", "endpointPrivateAccess")) {
            AwsSettings.bool(spec.options().get(flag), "options." + flag, true);
        }
        String mode = spec.options().get("authenticationMode");
        if (mode != null && AuthenticationMode.fromValue(mode) == AuthenticationMode.UNKNOWN_TO_SDK_VERSION) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "authenticationMode must be API, API_AND_CONFIG_MAP or CONFIG_MAP",
                    "options.authenticationMode");
        }
    }

    @Override
    public CloudOperation createCluster(CloudSession session, NewCluster spec) {
        return call(session, "EKS", b -> {
            var o = spec.options();
            b.eks()
                    .createCluster(r -> r.name(spec.name())
                            .version(spec.version())
                            .roleArn(o.get("roleArn"))
                            .resourcesVpcConfig(v -> v.subnetIds(spec.subnetIds())
                                    .securityGroupIds(spec.securityGroupIds())
                                    .endpointPublicAccess(AwsSettings.bool(o.get("endpointPublicAccess"), "", true))
                                    .endpointPrivateAccess(AwsSettings.bool(o.get("endpointPrivateAccess"), "", false)))
                            .accessConfig(a -> a.authenticationMode(
                                            o.getOrDefault("authenticationMode", "API_AND_CONFIG_MAP"))
                                    .bootstrapClusterCreatorAdminPermissions(true))
                            .tags(spec.tags().isEmpty() ? null : spec.tags()));
            return new CloudOperation(OperationKind.CREATE_CLUSTER, spec.name(), null, null, spec.version());
        });
    }

    @Override
    public void checkChange(CloudCluster current, ClusterChange change) {
        if (change.version() != null && !change.settings().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field",
                    "EKS changes the version or settings, one at a time: send two requests",
                    "settings");
        }
        if (change.version() != null && KubeVersions.minorSteps(current.version(), change.version()) > 1) {
            throw ApiException.badRequest(
                    "invalid-version",
                    "EKS upgrades one minor version at a time: from " + current.version() + " the next is "
                            + KubeVersions.parse(current.version(), "version")[0] + "."
                            + (KubeVersions.parse(current.version(), "version")[1] + 1),
                    "version");
        }
        AwsSettings.check(change.settings());
    }

    @Override
    public CloudOperation updateCluster(CloudSession session, String name, ClusterChange change) {
        return call(session, "EKS", b -> {
            Update update;
            String target;
            if (change.version() != null) {
                update = b.eks()
                        .updateClusterVersion(r -> r.name(name).version(change.version()))
                        .update();
                target = change.version();
            } else {
                update = b.eks()
                        .updateClusterConfig(AwsSettings.request(name, change.settings()))
                        .update();
                target = String.join(", ", change.settings().keySet());
            }
            return new CloudOperation(OperationKind.UPDATE_CLUSTER, name, null, update.id(), target);
        });
    }

    @Override
    public CloudOperation deleteCluster(CloudSession session, String name) {
        return call(session, "EKS", b -> {
            b.eks().deleteCluster(r -> r.name(name));
            return new CloudOperation(OperationKind.DELETE_CLUSTER, name, null, null, null);
        });
    }

    @Override
    public OperationProgress poll(CloudSession session, CloudOperation op) {
        return call(session, "EKS", b -> switch (op.kind()) {
            case CREATE_CLUSTER, DELETE_CLUSTER -> pollCluster(b, op);
            case UPDATE_CLUSTER, UPDATE_NODE_GROUP -> pollUpdate(b, op);
            case CREATE_NODE_GROUP, DELETE_NODE_GROUP -> AwsNodeGroups.poll(b.eks(), op);
        });
    }

    private static OperationProgress pollCluster(AwsClients.Bundle b, CloudOperation op) {
        boolean deleting = op.kind() == OperationKind.DELETE_CLUSTER;
        Cluster c;
        try {
            c = b.eks().describeCluster(r -> r.name(op.cluster())).cluster();
        } catch (ResourceNotFoundException e) {
            return deleting
                    ? OperationProgress.succeeded("DELETED")
                    : OperationProgress.failed("NOT_FOUND", "The cluster disappeared while it was being created");
        }
        String phase = c.statusAsString();
        if (c.status() == ClusterStatus.FAILED) {
            String why = c.health() == null || !c.health().hasIssues()
                    ? "EKS reports the cluster FAILED"
                    : c.health().issues().stream()
                            .map(i -> i.codeAsString() + ": " + i.message())
                            .reduce((x, y) -> x + "; " + y)
                            .orElse("");
            return OperationProgress.failed(phase, why);
        }
        if (!deleting && c.status() == ClusterStatus.ACTIVE) {
            return OperationProgress.succeeded(phase);
        }
        if (!deleting && c.status() == ClusterStatus.DELETING) {
            return OperationProgress.failed(phase, "The cluster is being deleted");
        }
        return OperationProgress.running(phase);
    }

    private static OperationProgress pollUpdate(AwsClients.Bundle b, CloudOperation op) {
        Update u = b.eks()
                .describeUpdate(
                        r -> r.name(op.cluster()).updateId(op.reference()).nodegroupName(op.nodeGroup()))
                .update();
        String phase = u.statusAsString();
        if (u.status() == UpdateStatus.SUCCESSFUL) {
            return OperationProgress.succeeded(phase);
        }
        if (u.status() == UpdateStatus.FAILED || u.status() == UpdateStatus.CANCELLED) {
            String why = u.hasErrors() && !u.errors().isEmpty()
                    ? u.errors().stream()
                            .map(e -> e.errorCodeAsString() + ": " + e.errorMessage())
                            .reduce((x, y) -> x + "; " + y)
                            .orElse("")
                    : "EKS reports the update " + phase;
            return OperationProgress.failed(phase, why);
        }
        return OperationProgress.running(phase);
    }

    @Override
    public List<NodeGroup> listNodeGroups(CloudSession session, String cluster) {
        return call(
                session,
                "EKS",
                b -> AwsNodeGroups.describeAll(b.eks(), cluster).stream()
                        .map(EksMapping::nodeGroup)
                        .toList());
    }

    @Override
    public NodeGroup describeNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return call(
                session,
                "EKS",
                b -> EksMapping.nodeGroup(b.eks()
                        .describeNodegroup(r -> r.clusterName(cluster).nodegroupName(nodeGroup))
                        .nodegroup()));
    }

    @Override
    public CloudOperation createNodeGroup(CloudSession session, String cluster, NewNodeGroup spec) {
        AwsNodeGroups.check(spec);
        return call(session, "EKS", b -> AwsNodeGroups.create(b.eks(), cluster, spec));
    }

    @Override
    public CloudOperation scaleNodeGroup(
            CloudSession session, String cluster, String nodeGroup, NodeGroupScaling scaling) {
        return call(session, "EKS", b -> AwsNodeGroups.scale(b.eks(), cluster, nodeGroup, scaling));
    }

    @Override
    public CloudOperation upgradeNodeGroup(CloudSession session, String cluster, String nodeGroup, String version) {
        return call(session, "EKS", b -> AwsNodeGroups.upgrade(b.eks(), cluster, nodeGroup, version));
    }

    @Override
    public CloudOperation deleteNodeGroup(CloudSession session, String cluster, String nodeGroup) {
        return call(session, "EKS", b -> {
            b.eks().deleteNodegroup(r -> r.clusterName(cluster).nodegroupName(nodeGroup));
            return new CloudOperation(OperationKind.DELETE_NODE_GROUP, cluster, nodeGroup, null, null);
        });
    }

    @Override
    public ClusterCredentials credentials(CloudSession session, CloudCluster cluster) {
        if (cluster.endpoint() == null) {
            throw ApiException.conflict(
                    "cloud-cluster-not-active", "Cluster " + cluster.name() + " has no API server endpoint yet", null);
        }
        return call(session, "STS", b -> {
            var token = EksToken.create(b.credentials().resolveCredentials(), session.region(), cluster.name(), clock);
            return ClusterCredentials.ofToken(cluster.endpoint(), cluster.caData(), token.value(), token.expiresAt());
        });
    }

    @Override
    public List<MetricSeries> monitoring(CloudSession session, String cluster, MonitoringQuery query) {
        return call(session, "CloudWatch", b -> AwsMonitoring.read(b.cloudWatch(), cluster, query));
    }

    @Override
    public List<AccessEntry> listAccess(CloudSession session, String cluster) {
        return call(session, "EKS", b -> AwsAccess.list(b.eks(), cluster));
    }

    @Override
    public AccessEntry grantAccess(CloudSession session, String cluster, AccessGrant grant) {
        return call(session, "EKS", b -> AwsAccess.grant(b.eks(), cluster, grant, session.region()));
    }

    @Override
    public void revokeAccess(CloudSession session, String cluster, String principal) {
        call(session, "EKS", b -> {
            b.eks().deleteAccessEntry(r -> r.clusterName(cluster).principalArn(principal));
            return null;
        });
    }

    private <T> T call(CloudSession session, String service, Function<AwsClients.Bundle, T> work) {
        try {
            return work.apply(clients.of(session));
        } catch (SdkException e) {
            throw AwsErrors.translate(service, e);
        }
    }
}
