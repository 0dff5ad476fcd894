package dev.cloudops.cloud;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.Role;
import dev.cloudops.resource.ResourceService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What the platform knows about a cloud cluster beyond its settings: metrics (the cloud's counts and versions
 * next to what the registered cluster reports), the cloud's monitoring series, and which cloud identities may
 * reach the cluster.
 */
@Service
public class CloudInsightService {

    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_.]{1,128}");
    private static final int MAX_POD_PAGES = 20;

    private final CloudClusterService clusters;
    private final CloudAccountService accounts;
    private final ClusterService registry;
    private final ResourceService resources;
    private final Clock clock;

    CloudInsightService(
            CloudClusterService clusters,
            CloudAccountService accounts,
            ClusterService registry,
            ResourceService resources,
            Clock clock) {
        this.clusters = clusters;
        this.accounts = accounts;
        this.registry = registry;
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * The plan's GetClusterMetrics.
     *
     * @param desiredNodes the node groups' desired sizes added up
     * @param nodes nodes the registered cluster reports (null when not registered or not visible to the caller)
     * @param pods pods of the registered cluster (null likewise)
     * @param kubernetesVersion the API server's own version
     */
    public record ClusterMetrics(
            CloudStatus status,
            String version,
            String platformVersion,
            int nodeGroups,
            int desiredNodes,
            Long clusterId,
            String registryStatus,
            Integer nodes,
            Integer pods,
            String kubernetesVersion,
            Instant at) {}

    public ClusterMetrics metrics(long id) {
        Target t = target(id, Role.VIEWER);
        String name = t.row().view().name();
        CloudCluster live = t.provider().describeCluster(t.session(), name);
        List<NodeGroup> groups = t.provider().listNodeGroups(t.session(), name);
        int desired = groups.stream()
                .mapToInt(g -> g.scaling() == null || g.scaling().desiredSize() == null
                        ? 0
                        : g.scaling().desiredSize())
                .sum();
        Long clusterId = t.row().view().clusterId();
        ClusterView registered = null;
        Integer pods = null;
        if (clusterId != null) {
            try {
                registered = registry.get(clusterId);
                pods = countPods(clusterId);
            } catch (ApiException e) {
                // Not visible to this caller, or not reachable now: the cloud's side of the answer still stands.
            }
        }
        return new ClusterMetrics(
                live.status(),
                live.version(),
                live.platformVersion(),
                groups.size(),
                desired,
                clusterId,
                registered == null ? null : registered.status().name(),
                registered == null ? null : registered.nodeCount(),
                pods,
                registered == null ? null : registered.version(),
                clock.instant());
    }

    /** Series from the cloud's monitoring service over the last {@code minutes}, one point per {@code period}. */
    public List<MetricSeries> monitoring(long id, String metrics, int minutes, int periodSeconds) {
        if (minutes < 5 || minutes > 20160) {
            throw ApiException.badRequest("invalid-field", "minutes must be 5-20160 (two weeks)", "minutes");
        }
        if (periodSeconds < 60 || periodSeconds > 86400 || periodSeconds % 60 != 0) {
            throw ApiException.badRequest("invalid-field", "period must be a multiple of 60 in 60-86400", "period");
        }
        List<String> names = metrics == null || metrics.isBlank()
                ? List.of()
                : Arrays.stream(metrics.split(",")).map(String::trim).toList();
        if (names.size() > 20 || names.stream().anyMatch(n -> !METRIC.matcher(n).matches())) {
            throw ApiException.badRequest(
                    "invalid-field", "metrics: at most 20 names of letters, digits, '_' and '.'", "metrics");
        }
        Target t = target(id, Role.VIEWER);
        Instant to = clock.instant();
        return t.provider()
                .monitoring(
                        t.session(),
                        t.row().view().name(),
                        new MonitoringQuery(
                                names, to.minus(Duration.ofMinutes(minutes)), to, Duration.ofSeconds(periodSeconds)));
    }

    public List<AccessEntry> access(long id) {
        Target t = target(id, Role.VIEWER);
        return t.provider().listAccess(t.session(), t.row().view().name());
    }

    public AccessEntry grant(long id, CloudRequests.Grant request) {
        Target t = target(id, Role.ADMIN);
        if (request == null
                || request.principal() == null
                || request.principal().isBlank()) {
            throw ApiException.badRequest("invalid-field", "principal is required", "principal");
        }
        if (request.policy() == null || request.policy().isBlank()) {
            throw ApiException.badRequest("invalid-field", "policy is required", "policy");
        }
        if (request.namespaces() != null) {
            for (String ns : request.namespaces()) {
                if (ns == null || !dev.cloudops.kube.KubeNames.isDnsLabel(ns)) {
                    throw ApiException.badRequest(
                            "invalid-namespace", "'" + ns + "' is not a valid namespace name", "namespaces");
                }
            }
        }
        return t.provider()
                .grantAccess(
                        t.session(),
                        t.row().view().name(),
                        new AccessGrant(request.principal(), request.policy(), request.namespaces(), request.groups()));
    }

    public void revoke(long id, String principal) {
        Target t = target(id, Role.ADMIN);
        if (principal == null || principal.isBlank()) {
            throw ApiException.badRequest("missing-parameter", "Parameter 'principal' is required", "principal");
        }
        t.provider().revokeAccess(t.session(), t.row().view().name(), principal);
    }

    private Integer countPods(long clusterId) {
        int count = 0;
        String cont = null;
        for (int page = 0; page < MAX_POD_PAGES; page++) {
            ObjectPage items = resources.list(clusterId, "pods", null, null, null, 500, cont);
            count += items.items().size();
            if (items.continueToken() == null) {
                return count;
            }
            if (items.remainingItemCount() != null) {
                return count + items.remainingItemCount().intValue();
            }
            cont = items.continueToken();
        }
        return count;
    }

    private record Target(CloudClusterStore.Row row, CloudClusterProvider provider, CloudSession session) {}

    private Target target(long id, Role needed) {
        CloudClusterStore.Row row = clusters.record(id, needed);
        long account = row.view().accountId();
        return new Target(
                row,
                accounts.provider(account),
                accounts.session(account, row.view().region()));
    }
}
