package dev.cloudops.resource;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.kube.CachedKind;
import dev.cloudops.kube.CachedRow;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.RowSummaries;
import dev.cloudops.kube.selector.FieldSelector;
import dev.cloudops.kube.selector.LabelSelector;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;

/**
 * The cross-cluster list: objects of a hot kind matching selectors across every cluster the caller may see,
 * served from the informer caches. A cluster that cannot answer is reported beside the results, not fatal.
 */
@Service
public class FleetService {

    static final int MAX_LIMIT = 5000;

    /** How one cluster took part: how many objects matched there, or why it could not answer. */
    public record ClusterPart(long id, String name, int matched, String error) {}

    /** The merged answer, sorted by cluster, namespace and name. */
    public record FleetList(
            List<Map<String, Object>> items, int total, boolean truncated, List<ClusterPart> clusters) {}

    private record Query(CachedKind kind, LabelSelector labels, FieldSelector fields, String namespace, boolean full) {}

    private record Partial(ClusterPart part, List<Map<String, Object>> rows) {}

    private final ClusterService clusters;
    private final KubeResources kube;
    private final AccessPolicy access;
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "fleet-list");
        t.setDaemon(true);
        return t;
    });

    FleetService(ClusterService clusters, KubeResources kube, AccessPolicy access) {
        this.clusters = clusters;
        this.kube = kube;
        this.access = access;
    }

    public FleetList list(
            String kind,
            String labelSelector,
            String fieldSelector,
            String namespace,
            String env,
            boolean full,
            int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid-limit", "limit must be between 1 and " + MAX_LIMIT, "limit");
        }
        ResourceService.checkSelectors(labelSelector, fieldSelector);
        CachedKind cachedKind = CachedKind.fromPlural(kind);
        FieldSelector fields = FieldSelector.parse(fieldSelector);
        RowSummaries.checkFields(cachedKind, fields.fields());
        var query = new Query(
                cachedKind,
                LabelSelector.parse(labelSelector),
                fields,
                ResourceService.checkNamespace(namespace),
                full);

        List<Future<Partial>> parts = new ArrayList<>();
        for (ClusterView cluster : clusters.visibleClusters()) {
            if (env != null && !env.equals(cluster.env())) {
                continue;
            }
            // Grants are read here, on the request's thread, where the caller is known.
            Optional<Set<String>> readable = access.readableNamespaces(cluster.id());
            parts.add(pool.submit(() -> listOne(cluster, readable, query)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<ClusterPart> summary = new ArrayList<>();
        for (Future<Partial> f : parts) {
            Partial p = join(f);
            summary.add(p.part());
            rows.addAll(p.rows());
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("cluster")))
                .thenComparing(r -> String.valueOf(r.get("namespace")))
                .thenComparing(r -> String.valueOf(r.get("name"))));
        boolean truncated = rows.size() > limit;
        return new FleetList(truncated ? rows.subList(0, limit) : rows, rows.size(), truncated, summary);
    }

    private Partial listOne(ClusterView cluster, Optional<Set<String>> readable, Query q) {
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (CachedRow r : kube.cachedRows(cluster.id(), q.kind())) {
                String ns = r.namespace();
                if ((q.namespace() != null && !q.namespace().equals(ns))
                        || (readable.isPresent()
                                && (ns == null || !readable.get().contains(ns)))
                        || !q.labels().matches(r.labels())
                        || !q.fields().matches(r::field)) {
                    continue;
                }
                Map<String, Object> full = q.full() ? kube.cachedObject(cluster.id(), q.kind(), r) : null;
                if (q.full() && full == null) {
                    continue; // deleted since the row was read
                }
                Map<String, Object> row = new LinkedHashMap<>(q.full() ? full : r.summary());
                row.put("cluster", cluster.name());
                row.put("clusterId", cluster.id());
                rows.add(row);
            }
            return new Partial(new ClusterPart(cluster.id(), cluster.name(), rows.size(), null), rows);
        } catch (ApiException e) {
            return new Partial(new ClusterPart(cluster.id(), cluster.name(), 0, e.getMessage()), List.of());
        }
    }

    private static Partial join(Future<Partial> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
