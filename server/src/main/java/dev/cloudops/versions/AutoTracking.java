package dev.cloudops.versions;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Which objects are tracked without being asked: those of the configured kinds and, when enabled, of every
 * CRD-defined kind, outside the excluded namespaces — except objects a controller owns (their owner is tracked),
 * the API server's own {@code default/kubernetes} Service and the {@code kube-root-ca.crt} config map every
 * namespace gets. Secrets never are.
 */
@Component
class AutoTracking {

    private static final long CRD_REFRESH_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final VersionsProperties settings;
    private final KubeResources kube;
    private final Map<Long, Kinds> kinds = new ConcurrentHashMap<>();
    private final Map<Long, CrdGroups> crdGroups = new ConcurrentHashMap<>();

    private record CrdGroups(Set<String> groups, long readAt) {}

    private record Kinds(Set<String> keys, long readAt) {}

    /** A kind not known as automatic is looked up again at most this often (a CRD may have just been created). */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

    AutoTracking(VersionsProperties settings, KubeResources kube) {
        this.settings = settings;
        this.kube = kube;
    }

    /** The kinds tracked automatically on a cluster, each in its preferred version; remembered for {@link #kind}. */
    List<ApiResourceInfo> types(long clusterId) {
        return types(clusterId, false);
    }

    private List<ApiResourceInfo> types(long clusterId, boolean rereadCrds) {
        if (rereadCrds) {
            crdGroups.remove(clusterId);
        }
        List<ApiResourceInfo> discovered = kube.discover(clusterId);
        Map<String, ApiResourceInfo> out = new LinkedHashMap<>();
        for (String name : settings.autoTrack()) {
            discovered.stream().filter(t -> t.answersTo(name)).findFirst().ifPresent(t -> out.putIfAbsent(key(t), t));
        }
        if (settings.autoTrackCustomResources()) {
            Set<String> groups = crdGroups(clusterId);
            for (ApiResourceInfo t : discovered) {
                boolean watchable = t.verbs().isEmpty() || t.verbs().contains("watch");
                if (groups.contains(t.group()) && watchable) {
                    out.putIfAbsent(key(t), t);
                }
            }
        }
        out.values().removeIf(t -> t.group().isEmpty() && t.kind().equals("Secret"));
        kinds.put(clusterId, new Kinds(Set.copyOf(out.keySet()), System.nanoTime()));
        return List.copyOf(out.values());
    }

    /** True when objects of this kind are tracked automatically on the cluster. */
    boolean kind(long clusterId, ApiResourceInfo type) {
        Kinds known = kinds.get(clusterId);
        boolean maybeNewCrd = known != null
                && !known.keys().contains(key(type))
                && !type.group().isEmpty() // CRDs never define core kinds
                && settings.autoTrackCustomResources()
                && System.nanoTime() - known.readAt() > RECHECK_NANOS;
        if (known == null || maybeNewCrd) {
            types(clusterId, known != null);
            known = kinds.get(clusterId);
        }
        return known.keys().contains(key(type));
    }

    /** True when this object is to be tracked without being asked. */
    boolean trackable(long clusterId, ApiResourceInfo type, Map<String, Object> object) {
        return kind(clusterId, type) && eligible(type, object);
    }

    boolean eligible(ApiResourceInfo type, Map<String, Object> object) {
        Map<?, ?> metadata = ObjectKey.metadata(object);
        String namespace = metadata.get("namespace") == null
                ? ""
                : metadata.get("namespace").toString();
        String name = String.valueOf(metadata.get("name"));
        if (settings.excludedNamespaces().contains(namespace)) {
            return false;
        }
        if (metadata.get("ownerReferences") instanceof List<?> owners
                && owners.stream()
                        .anyMatch(o -> o instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("controller")))) {
            return false;
        }
        boolean core = type.group().isEmpty();
        return !(core && type.kind().equals("ConfigMap") && name.equals("kube-root-ca.crt"))
                && !(core && type.kind().equals("Service") && namespace.equals("default") && name.equals("kubernetes"));
    }

    /** The kind in its preferred version, as discovery lists it first. */
    ApiResourceInfo preferred(long clusterId, String group, String kind) {
        return kube.discover(clusterId).stream()
                .filter(t -> t.group().equals(group) && t.kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest(
                        "unknown-kind",
                        "The cluster serves no kind " + kind + (group.isEmpty() ? "" : " in group " + group),
                        "kind"));
    }

    void forget(long clusterId) {
        kinds.remove(clusterId);
        crdGroups.remove(clusterId);
    }

    private Set<String> crdGroups(long clusterId) {
        CrdGroups cached = crdGroups.get(clusterId);
        if (cached != null && System.nanoTime() - cached.readAt() < CRD_REFRESH_NANOS) {
            return cached.groups();
        }
        ApiResourceInfo crds = kube.resolve(clusterId, "apiextensions.k8s.io/v1", "CustomResourceDefinition");
        Set<String> groups = new HashSet<>();
        String next = null;
        do {
            ObjectPage page = kube.list(clusterId, crds, null, null, null, 500, next);
            for (Map<String, Object> crd : page.items()) {
                if (crd.get("spec") instanceof Map<?, ?> spec && spec.get("group") != null) {
                    groups.add(spec.get("group").toString());
                }
            }
            next = page.continueToken();
        } while (next != null);
        crdGroups.put(clusterId, new CrdGroups(Set.copyOf(groups), System.nanoTime()));
        return groups;
    }

    private static String key(ApiResourceInfo type) {
        return type.group() + "/" + type.kind();
    }
}
