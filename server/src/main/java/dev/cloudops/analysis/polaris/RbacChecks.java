package dev.cloudops.analysis.polaris;

import static dev.cloudops.analysis.polaris.PolarisCheck.CLUSTERROLEBINDING_CLUSTER_ADMIN;
import static dev.cloudops.analysis.polaris.PolarisCheck.CLUSTERROLEBINDING_POD_EXEC_ATTACH;
import static dev.cloudops.analysis.polaris.PolarisCheck.CLUSTERROLE_POD_EXEC_ATTACH;
import static dev.cloudops.analysis.polaris.PolarisCheck.ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE;
import static dev.cloudops.analysis.polaris.PolarisCheck.ROLEBINDING_CLUSTER_ADMIN_ROLE;
import static dev.cloudops.analysis.polaris.PolarisCheck.ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH;
import static dev.cloudops.analysis.polaris.PolarisCheck.ROLEBINDING_ROLE_POD_EXEC_ATTACH;
import static dev.cloudops.analysis.polaris.PolarisCheck.ROLE_POD_EXEC_ATTACH;

import dev.cloudops.analysis.ClusterState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The RBAC checks: roles that allow exec into or attach to pods, and bindings to cluster-admin, to roles with
 * wildcard permissions, to roles allowing exec or attach, or to roles that do not exist. Objects named
 * {@code system:…} or {@code gce:…} are the platform's own and pass, as do Kubernetes's default {@code admin},
 * {@code edit} and {@code cluster-admin} ClusterRoles (and the {@code cluster-admin} binding).
 */
final class RbacChecks {

    static final String CLUSTER_ADMIN = "cluster-admin";

    private static final Set<String> DEFAULT_CLUSTER_ROLES = Set.of("admin", "edit", CLUSTER_ADMIN);
    private static final List<String> ALL_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete");

    private static final Set<PolarisCheck> CLUSTER_ROLE_BINDING_CHECKS = Set.of(
            CLUSTERROLEBINDING_CLUSTER_ADMIN,
            CLUSTERROLEBINDING_POD_EXEC_ATTACH,
            ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE,
            ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH);

    private RbacChecks() {}

    static void check(ClusterState state, Set<PolarisCheck> on, Verdicts v) {
        if (on.contains(CLUSTERROLE_POD_EXEC_ATTACH)) {
            for (Map<String, Object> role : state.objects("ClusterRole")) {
                String name = Json.name(role);
                boolean exempt = platformOwned(name) || DEFAULT_CLUSTER_ROLES.contains(name);
                verdict(v, CLUSTERROLE_POD_EXEC_ATTACH, role, exempt || !allowsExecOrAttach(role));
            }
        }
        if (on.contains(ROLE_POD_EXEC_ATTACH)) {
            for (Map<String, Object> role : state.objects("Role")) {
                verdict(v, ROLE_POD_EXEC_ATTACH, role, platformOwned(Json.name(role)) || !allowsExecOrAttach(role));
            }
        }
        boolean clusterBindings =
                on.contains(CLUSTERROLEBINDING_CLUSTER_ADMIN) || on.contains(CLUSTERROLEBINDING_POD_EXEC_ATTACH);
        boolean roleBindings = on.contains(ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE)
                || on.contains(ROLEBINDING_CLUSTER_ADMIN_ROLE)
                || on.contains(ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH)
                || on.contains(ROLEBINDING_ROLE_POD_EXEC_ATTACH);
        if (!clusterBindings && !roleBindings) {
            return;
        }
        Map<String, Map<String, Object>> clusterRoles = index(state.objects("ClusterRole"), false);
        // A caller without a cluster-wide grant sees no ClusterRole, though a real cluster has dozens: their absence
        // then says nothing, and checks that follow a binding to one are skipped rather than all failed.
        boolean clusterRolesVisible = !state.live() || !clusterRoles.isEmpty();
        if (!clusterRolesVisible && on.stream().anyMatch(CLUSTER_ROLE_BINDING_CHECKS::contains)) {
            v.note("No ClusterRole is visible (the cluster serves none, or your grants do not cover cluster-scoped"
                    + " objects): bindings to ClusterRoles were not checked");
        }
        if (clusterBindings && clusterRolesVisible) {
            for (Map<String, Object> binding : state.objects("ClusterRoleBinding")) {
                clusterRoleBinding(binding, clusterRoles, on, v);
            }
        }
        if (roleBindings) {
            Map<String, Map<String, Object>> roles = index(state.objects("Role"), true);
            for (Map<String, Object> binding : state.objects("RoleBinding")) {
                roleBinding(binding, clusterRolesVisible ? clusterRoles : null, roles, on, v);
            }
        }
    }

    private static void clusterRoleBinding(
            Map<String, Object> binding,
            Map<String, Map<String, Object>> clusterRoles,
            Set<PolarisCheck> on,
            Verdicts v) {
        String name = Json.name(binding);
        Map<String, Object> ref = Json.map(binding, "roleRef");
        String roleName = Json.text(ref, "name");
        Map<String, Object> role = clusterRoles.get(roleName);
        boolean exempt = platformOwned(name);
        if (on.contains(CLUSTERROLEBINDING_CLUSTER_ADMIN)) {
            verdict(v, CLUSTERROLEBINDING_CLUSTER_ADMIN, binding, exempt || !adminLike(roleName, role));
        }
        if (on.contains(CLUSTERROLEBINDING_POD_EXEC_ATTACH)) {
            boolean passes = exempt || CLUSTER_ADMIN.equals(name) || (role != null && !allowsExecOrAttach(role));
            verdict(v, CLUSTERROLEBINDING_POD_EXEC_ATTACH, binding, passes);
        }
    }

    /** {@code clusterRoles} is null when they cannot be read: the ClusterRole checks are skipped then. */
    private static void roleBinding(
            Map<String, Object> binding,
            Map<String, Map<String, Object>> clusterRoles,
            Map<String, Map<String, Object>> roles,
            Set<PolarisCheck> on,
            Verdicts v) {
        boolean exempt = platformOwned(Json.name(binding));
        Map<String, Object> ref = Json.map(binding, "roleRef");
        String roleName = Json.text(ref, "name");
        boolean toClusterRole = "ClusterRole".equals(Json.text(ref, "kind"));
        if (clusterRoles != null) {
            Map<String, Object> clusterRole = toClusterRole ? clusterRoles.get(roleName) : null;
            if (on.contains(ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE)) {
                boolean passes = exempt || !toClusterRole || !adminLike(roleName, clusterRole);
                verdict(v, ROLEBINDING_CLUSTER_ADMIN_CLUSTER_ROLE, binding, passes);
            }
            if (on.contains(ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH)) {
                boolean passes = exempt || !toClusterRole || (clusterRole != null && !allowsExecOrAttach(clusterRole));
                verdict(v, ROLEBINDING_CLUSTER_ROLE_POD_EXEC_ATTACH, binding, passes);
            }
        }
        Map<String, Object> role = toClusterRole ? null : roles.get(Json.namespace(binding) + "/" + roleName);
        if (on.contains(ROLEBINDING_CLUSTER_ADMIN_ROLE)) {
            boolean passes = exempt || toClusterRole || role == null || !anyRule(role, RbacChecks::wildcard);
            verdict(v, ROLEBINDING_CLUSTER_ADMIN_ROLE, binding, passes);
        }
        if (on.contains(ROLEBINDING_ROLE_POD_EXEC_ATTACH)) {
            boolean passes = exempt || toClusterRole || (role != null && !allowsExecOrAttach(role));
            verdict(v, ROLEBINDING_ROLE_POD_EXEC_ATTACH, binding, passes);
        }
    }

    private static void verdict(Verdicts v, PolarisCheck check, Map<String, Object> object, boolean passes) {
        if (passes) {
            v.pass(check, object);
        } else {
            v.fail(check, object, null);
        }
    }

    private static boolean platformOwned(String name) {
        return name != null && (name.startsWith("system:") || name.startsWith("gce:"));
    }

    private static boolean adminLike(String roleName, Map<String, Object> role) {
        return CLUSTER_ADMIN.equals(roleName) || (role != null && anyRule(role, RbacChecks::wildcard));
    }

    static boolean allowsExecOrAttach(Map<String, Object> role) {
        return anyRule(role, RbacChecks::execOrAttach);
    }

    private static boolean anyRule(Map<String, Object> role, Predicate<Map<String, Object>> p) {
        for (Object rule : Json.list(role, "rules")) {
            if (p.test(Json.map(rule))) {
                return true;
            }
        }
        return false;
    }

    /** Exec and attach are subresources of core pods, opened with create (or get, over a WebSocket). */
    private static boolean execOrAttach(Map<String, Object> rule) {
        List<Object> groups = Json.list(rule, "apiGroups");
        List<Object> resources = Json.list(rule, "resources");
        List<Object> verbs = Json.list(rule, "verbs");
        return (groups.contains("") || groups.contains("*"))
                && (resources.contains("*")
                        || resources.contains("pods/*")
                        || resources.contains("pods/exec")
                        || resources.contains("pods/attach"))
                && (verbs.contains("*") || verbs.contains("create") || verbs.contains("get"));
    }

    /** Every resource of every group, with every verb (as {@code *} or spelled out). */
    private static boolean wildcard(Map<String, Object> rule) {
        List<Object> verbs = Json.list(rule, "verbs");
        return Json.list(rule, "apiGroups").contains("*")
                && Json.list(rule, "resources").contains("*")
                && (verbs.contains("*") || verbs.containsAll(ALL_VERBS));
    }

    private static Map<String, Map<String, Object>> index(List<Map<String, Object>> objects, boolean namespaced) {
        Map<String, Map<String, Object>> index = new HashMap<>();
        for (Map<String, Object> object : objects) {
            index.put(namespaced ? Json.namespace(object) + "/" + Json.name(object) : Json.name(object), object);
        }
        return index;
    }
}
