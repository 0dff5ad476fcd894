package dev.cloudops.backup;

import dev.cloudops.kube.ApiResourceInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which kinds and objects a backup takes, and in which order a restore applies them: CRDs, namespaces, other
 * cluster-wide objects, configuration and secrets (service accounts, RBAC, quotas, claims …), services,
 * workloads, then the rest with custom resources last. Pure functions of discovery, the scope and the objects.
 */
final class Selection {

    /** Kinds that hold runtime state rather than configuration, left out by default ({@code group/plural}). */
    static final Set<String> DEFAULT_EXCLUDED_KINDS = Set.of(
            "/events",
            "events.k8s.io/events",
            "/endpoints",
            "discovery.k8s.io/endpointslices",
            "coordination.k8s.io/leases",
            "/nodes",
            "/componentstatuses");

    private static final Set<String> CLUSTER_CONFIG = Set.of(
            "/persistentvolumes",
            "storage.k8s.io/storageclasses",
            "scheduling.k8s.io/priorityclasses",
            "rbac.authorization.k8s.io/clusterroles",
            "rbac.authorization.k8s.io/clusterrolebindings",
            "networking.k8s.io/ingressclasses",
            "node.k8s.io/runtimeclasses");
    private static final Set<String> CONFIG = Set.of(
            "/serviceaccounts",
            "/secrets",
            "/configmaps",
            "/resourcequotas",
            "/limitranges",
            "/persistentvolumeclaims",
            "rbac.authorization.k8s.io/roles",
            "rbac.authorization.k8s.io/rolebindings",
            "networking.k8s.io/networkpolicies");
    private static final Set<String> WORKLOADS = Set.of(
            "apps/deployments",
            "apps/statefulsets",
            "apps/daemonsets",
            "apps/replicasets",
            "/replicationcontrollers",
            "batch/jobs",
            "batch/cronjobs",
            "/pods");
    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "",
            "apps",
            "batch",
            "autoscaling",
            "policy",
            "networking.k8s.io",
            "rbac.authorization.k8s.io",
            "storage.k8s.io",
            "scheduling.k8s.io",
            "node.k8s.io",
            "coordination.k8s.io",
            "discovery.k8s.io",
            "events.k8s.io",
            "apiextensions.k8s.io",
            "admissionregistration.k8s.io",
            "certificates.k8s.io",
            "flowcontrol.apiserver.k8s.io",
            "apiregistration.k8s.io",
            "resource.k8s.io");

    private Selection() {}

    static String key(ApiResourceInfo type) {
        return type.group() + "/" + type.plural();
    }

    static boolean isNamespaceKind(ApiResourceInfo type) {
        return type.group().isEmpty() && type.kind().equals("Namespace");
    }

    static boolean isCrdKind(ApiResourceInfo type) {
        return type.group().equals("apiextensions.k8s.io") && type.kind().equals("CustomResourceDefinition");
    }

    static boolean isCustom(ApiResourceInfo type) {
        return !BUILT_IN_GROUPS.contains(type.group()) && !type.group().endsWith(".k8s.io");
    }

    /** The restore order of a kind: lower first. */
    static int priority(ApiResourceInfo type) {
        String key = key(type);
        if (isCrdKind(type)) {
            return 0;
        }
        if (isNamespaceKind(type)) {
            return 1;
        }
        if (CLUSTER_CONFIG.contains(key) || (!type.namespaced() && !isCustom(type))) {
            return 2;
        }
        if (CONFIG.contains(key)) {
            return 3;
        }
        if (key.equals("/services")) {
            return 4;
        }
        if (WORKLOADS.contains(key)) {
            return 5;
        }
        return isCustom(type) ? 7 : 6;
    }

    static final Comparator<ApiResourceInfo> ORDER = Comparator.comparingInt(Selection::priority)
            .thenComparing(ApiResourceInfo::group)
            .thenComparing(ApiResourceInfo::kind);

    /**
     * The kinds a backup of {@code scope} lists, in restore order: one version per kind (the preferred one), only
     * kinds that can be listed, read and created, with Namespaces and CRDs always there (their objects filtered).
     */
    static List<ApiResourceInfo> kinds(List<ApiResourceInfo> discovered, Scope scope) {
        Set<String> seen = new HashSet<>();
        List<ApiResourceInfo> out = new ArrayList<>();
        for (ApiResourceInfo type : discovered) {
            if (!seen.add(type.group() + "/" + type.kind())) {
                continue; // a later (not preferred) version of a kind already taken or refused
            }
            if (!type.verbs().containsAll(List.of("list", "get", "create"))) {
                continue;
            }
            if (isNamespaceKind(type) || isCrdKind(type)) {
                out.add(type);
                continue;
            }
            if (scope.withDefaultExclusions() && DEFAULT_EXCLUDED_KINDS.contains(key(type))) {
                continue;
            }
            if (!type.namespaced() && !scope.clusterResources()) {
                continue;
            }
            if (!scope.kinds().isEmpty() && scope.kinds().stream().noneMatch(type::answersTo)) {
                continue;
            }
            if (scope.excludeKinds().stream().anyMatch(type::answersTo)) {
                continue;
            }
            out.add(type);
        }
        out.sort(ORDER);
        return out;
    }

    /** {@code group/Kind} of every custom resource kind selected, whose CRDs come along. */
    static Set<String> customKinds(List<ApiResourceInfo> kinds) {
        Set<String> out = new HashSet<>();
        for (ApiResourceInfo type : kinds) {
            if (isCustom(type)) {
                out.add(type.group() + "/" + type.kind());
            }
        }
        return out;
    }

    /** True when a listed object belongs in the backup. */
    static boolean takes(ObjectRef ref, Map<String, Object> object, Scope scope, Set<String> customKinds) {
        ApiResourceInfo type = ref.type();
        ObjectRef forRules = isNamespaceKind(type) ? new ObjectRef(type, ref.name(), ref.name()) : ref;
        if (scope.exclude().stream().anyMatch(r -> r.matches(forRules))) {
            return false;
        }
        if (isNamespaceKind(type)) {
            return scope.namespaces().isEmpty() || scope.namespaces().contains(ref.name());
        }
        if (isCrdKind(type)) {
            return (scope.clusterResources() && includedByRules(scope, forRules))
                    || customKinds.contains(crdKind(object));
        }
        if (scope.withDefaultExclusions() && defaultExcluded(type, object)) {
            return false;
        }
        return includedByRules(scope, forRules);
    }

    private static boolean includedByRules(Scope scope, ObjectRef ref) {
        return scope.include().isEmpty() || scope.include().stream().anyMatch(r -> r.matches(ref));
    }

    /** {@code group/Kind} a CRD defines. */
    static String crdKind(Map<String, Object> crd) {
        Map<?, ?> spec = map(crd.get("spec"));
        return spec.get("group") + "/" + map(spec.get("names")).get("kind");
    }

    /** Controller-owned pods and replica sets, the cluster CA config map, service-account token secrets. */
    static boolean defaultExcluded(ApiResourceInfo type, Map<String, Object> object) {
        String key = key(type);
        Map<?, ?> metadata = map(object.get("metadata"));
        if (key.equals("/pods") || key.equals("apps/replicasets")) {
            if (metadata.get("ownerReferences") instanceof List<?> owners) {
                return owners.stream().anyMatch(o -> Boolean.TRUE.equals(map(o).get("controller")));
            }
            return false;
        }
        if (key.equals("/configmaps")) {
            return "kube-root-ca.crt".equals(metadata.get("name"));
        }
        if (key.equals("/secrets")) {
            return "kubernetes.io/service-account-token".equals(object.get("type"));
        }
        return false;
    }

    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
