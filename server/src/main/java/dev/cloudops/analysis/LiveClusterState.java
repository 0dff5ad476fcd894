package dev.cloudops.analysis;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.CachedKind;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A registered cluster as the checks see it: hot kinds from the informer caches, every other kind listed once per
 * analysis in pages, each kind read at most once. Objects in namespaces the caller may not read are left out, and
 * cluster-scoped ones too unless the caller may read the whole cluster.
 */
final class LiveClusterState implements ClusterState {

    private static final int PAGE = 500;
    private static final java.util.Set<String> SKIPPABLE =
            java.util.Set.of("kube-forbidden", "kube-not-found", "namespace-restricted");

    private final long clusterId;
    private final String clusterName;
    private final KubeResources kube;
    private final Predicate<String> readableNamespace;
    private final boolean clusterWide;
    private final Instant observedAt;
    private final Map<String, List<Map<String, Object>>> read = new ConcurrentHashMap<>();
    private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private List<ApiResourceInfo> discovery;

    LiveClusterState(
            long clusterId,
            String clusterName,
            KubeResources kube,
            Predicate<String> readableNamespace,
            boolean clusterWide,
            Instant observedAt) {
        this.clusterId = clusterId;
        this.clusterName = clusterName;
        this.kube = kube;
        this.readableNamespace = readableNamespace;
        this.clusterWide = clusterWide;
        this.observedAt = observedAt;
    }

    @Override
    public String source() {
        return clusterName;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public Instant observedAt() {
        return observedAt;
    }

    @Override
    public boolean serves(String kind) {
        return type(kind) != null;
    }

    @Override
    public List<Map<String, Object>> objects(String kind) {
        return read.computeIfAbsent(kind, this::loadOrNote);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * One kind the platform may not list (its service account lacks the right, the namespace restriction of the
     * registration) costs the checks on that kind only; an unreachable cluster still ends the analysis.
     */
    private List<Map<String, Object>> loadOrNote(String kind) {
        try {
            return load(kind);
        } catch (ApiException e) {
            if (!SKIPPABLE.contains(e.code())) {
                throw e;
            }
            notes.add(
                    kind + " could not be read (" + e.code() + "): " + e.getMessage() + "; checks on it were skipped");
            return List.of();
        }
    }

    private List<Map<String, Object>> load(String kind) {
        ApiResourceInfo type = type(kind);
        if (type == null || (!type.namespaced() && !clusterWide)) {
            return List.of();
        }
        CachedKind cached = cachedKind(type);
        List<Map<String, Object>> objects = new ArrayList<>();
        if (cached != null) {
            for (var row : kube.cachedRows(clusterId, cached)) {
                if (!type.namespaced() || readableNamespace.test(row.namespace())) {
                    Map<String, Object> object = kube.cachedObject(clusterId, cached, row);
                    if (object != null) {
                        objects.add(object);
                    }
                }
            }
            return List.copyOf(objects);
        }
        String next = null;
        do {
            ObjectPage page = kube.list(clusterId, type, null, null, null, PAGE, next);
            for (Map<String, Object> object : page.items()) {
                if (!type.namespaced() || readableNamespace.test(namespaceOf(object))) {
                    objects.add(object);
                }
            }
            next = page.continueToken();
        } while (next != null);
        return List.copyOf(objects);
    }

    private static CachedKind cachedKind(ApiResourceInfo type) {
        if (!type.group().isEmpty() && !"apps".equals(type.group())) {
            return null;
        }
        for (CachedKind kind : CachedKind.values()) {
            if (kind.plural().equals(type.plural())) {
                return kind;
            }
        }
        return null;
    }

    private synchronized ApiResourceInfo type(String kind) {
        if (discovery == null) {
            discovery = kube.discover(clusterId);
        }
        return discovery.stream()
                .filter(t -> t.kind().equals(kind) && t.verbs().contains("list"))
                .filter(t -> !"Event".equals(kind) || t.group().isEmpty())
                .findFirst()
                .orElse(null);
    }

    private static String namespaceOf(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> m ? Objects.toString(m.get("namespace"), null) : null;
    }
}
