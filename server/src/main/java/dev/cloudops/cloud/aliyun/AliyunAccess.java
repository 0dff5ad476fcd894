package dev.cloudops.cloud.aliyun;

import com.aliyun.cs20151215.models.DescribeUserPermissionResponse.DescribeUserPermissionResponseBody;
import com.aliyun.cs20151215.models.GrantPermissionsRequest;
import com.aliyun.cs20151215.models.GrantPermissionsRequest.GrantPermissionsRequestBody;
import com.aliyun.ram20150501.models.ListRolesRequest;
import com.aliyun.ram20150501.models.ListUsersRequest;
import dev.cloudops.cloud.AccessEntry;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.cloud.aliyun.AckMapping.AckCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ACK's RBAC authorization of RAM users and roles: a principal (the RAM user's or role's id) holds a predefined
 * role ({@code admin}, {@code ops}, {@code dev}, {@code restricted}) or a custom ClusterRole on a cluster or on
 * namespaces of it. ACK keeps the grants per principal across all clusters, and GrantPermissions replaces a
 * principal's whole list: every change here reads the list (DescribeUserPermission), changes this cluster's
 * part, and writes the list back, so grants on other clusters stay as they are. Listing who has access asks RAM
 * for the account's users and roles (ListUsers, ListRoles) and ACK for each one's grants.
 */
final class AliyunAccess {

    static final Set<String> PREDEFINED = Set.of("admin", "ops", "dev", "restricted");
    private static final Set<String> CLUSTER_ONLY = Set.of("admin", "ops");
    private static final Pattern PRINCIPAL = Pattern.compile("\\d{6,32}");
    private static final Pattern CUSTOM = Pattern.compile("custom:([a-z0-9]([-a-z0-9.:]{0,251}[a-z0-9])?)");
    private static final int MAX_PAGES = 100;

    private AliyunAccess() {}

    /** A RAM user or role: its id, name and kind. */
    record Principal(String id, String name, boolean role) {}

    static List<AccessEntry> list(AliyunClients.Bundle b, AckCluster cluster) throws Exception {
        List<AccessEntry> out = new ArrayList<>();
        for (Principal p : principals(b).values()) {
            AccessEntry entry = entry(p, permissions(b, p.id()), cluster.id());
            if (!entry.policies().isEmpty()) {
                out.add(entry);
            }
        }
        return out;
    }

    /** Checks a grant before anything is sent: the principal is a RAM id, the policy an ACK role, no groups. */
    static void check(AccessGrant grant) {
        if (!PRINCIPAL.matcher(grant.principal()).matches()) {
            throw AckApi.invalid("principal must be the id of a RAM user or RAM role (digits)", "principal");
        }
        String policy = grant.policy();
        if (!PREDEFINED.contains(policy) && !CUSTOM.matcher(policy).matches()) {
            throw AckApi.invalid("policy must be admin, ops, dev, restricted or custom:<ClusterRole name>", "policy");
        }
        if (CLUSTER_ONLY.contains(policy) && !grant.namespaces().isEmpty()) {
            throw AckApi.invalid("ACK grants " + policy + " on the whole cluster only; drop namespaces", "namespaces");
        }
        if (!grant.groups().isEmpty()) {
            throw AckApi.invalid("ACK grants roles, not Kubernetes groups; leave groups empty", "groups");
        }
    }

    static AccessEntry grant(AliyunClients.Bundle b, AckCluster cluster, AccessGrant grant) throws Exception {
        Principal p = principals(b).get(grant.principal());
        if (p == null) {
            throw CloudProblems.notFound("The account has no RAM user or role with id " + grant.principal());
        }
        List<GrantPermissionsRequestBody> list = new ArrayList<>();
        for (var current : permissions(b, p.id())) {
            GrantPermissionsRequestBody kept = body(current, p.role());
            if (kept != null) {
                list.add(kept);
            }
        }
        boolean custom = grant.policy().startsWith("custom:");
        String roleName = custom ? grant.policy().substring("custom:".length()) : grant.policy();
        List<String> scopes =
                grant.namespaces().isEmpty() ? java.util.Collections.singletonList(null) : grant.namespaces();
        for (String namespace : scopes) {
            GrantPermissionsRequestBody added = new GrantPermissionsRequestBody()
                    .setCluster(cluster.id())
                    .setRoleType(namespace == null ? "cluster" : "namespace")
                    .setNamespace(namespace == null ? "" : namespace)
                    .setRoleName(roleName)
                    .setIsCustom(custom)
                    .setIsRamRole(p.role());
            if (list.stream().noneMatch(existing -> same(existing, added))) {
                list.add(added);
            }
        }
        write(b, p.id(), list);
        return entry(p, permissions(b, p.id()), cluster.id());
    }

    static void revoke(AliyunClients.Bundle b, AckCluster cluster, String principal) throws Exception {
        if (!PRINCIPAL.matcher(principal).matches()) {
            throw AckApi.invalid("principal must be the id of a RAM user or RAM role (digits)", "principal");
        }
        List<DescribeUserPermissionResponseBody> current = permissions(b, principal);
        List<GrantPermissionsRequestBody> kept = new ArrayList<>();
        boolean found = false;
        for (var permission : current) {
            if (on(permission, cluster.id())) {
                found = true;
                continue;
            }
            GrantPermissionsRequestBody body = body(permission, Long.valueOf(1).equals(permission.isRamRole));
            if (body != null) {
                kept.add(body);
            }
        }
        if (!found) {
            throw CloudProblems.notFound(
                    "RAM principal " + principal + " has no access to ACK cluster " + cluster.name());
        }
        write(b, principal, kept);
    }

    private static void write(AliyunClients.Bundle b, String principal, List<GrantPermissionsRequestBody> list)
            throws Exception {
        b.cs().grantPermissionsWithOptions(
                        principal, new GrantPermissionsRequest().setBody(list), new HashMap<>(), b.runtime());
    }

    private static List<DescribeUserPermissionResponseBody> permissions(AliyunClients.Bundle b, String principal)
            throws Exception {
        var body = b.cs().describeUserPermissionWithOptions(principal, new HashMap<>(), b.runtime())
                .getBody();
        return body == null ? List.of() : body;
    }

    /** The account's RAM users and roles by id, users first. */
    static Map<String, Principal> principals(AliyunClients.Bundle b) throws Exception {
        Map<String, Principal> out = new LinkedHashMap<>();
        String marker = null;
        int pages = 0;
        do {
            var body = b.ram()
                    .listUsersWithOptions(
                            new ListUsersRequest().setMaxItems(1000).setMarker(marker), b.runtime())
                    .getBody();
            if (body.users != null && body.users.user != null) {
                body.users.user.forEach(u -> out.put(u.userId, new Principal(u.userId, u.userName, false)));
            }
            marker = Boolean.TRUE.equals(body.isTruncated) ? body.marker : null;
        } while (marker != null && ++pages < MAX_PAGES);
        marker = null;
        pages = 0;
        do {
            var body = b.ram()
                    .listRolesWithOptions(
                            new ListRolesRequest().setMaxItems(1000).setMarker(marker), b.runtime())
                    .getBody();
            if (body.roles != null && body.roles.role != null) {
                body.roles.role.forEach(r -> out.put(r.roleId, new Principal(r.roleId, r.roleName, true)));
            }
            marker = Boolean.TRUE.equals(body.isTruncated) ? body.marker : null;
        } while (marker != null && ++pages < MAX_PAGES);
        return out;
    }

    /** A principal's grants on one cluster: one policy per role, with the namespaces it holds it in. */
    private static AccessEntry entry(Principal p, List<DescribeUserPermissionResponseBody> all, String clusterId) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (var permission : all) {
            if (!on(permission, clusterId)) {
                continue;
            }
            String role =
                    PREDEFINED.contains(permission.roleName) ? permission.roleName : "custom:" + permission.roleName;
            List<String> namespaces = byRole.computeIfAbsent(role, r -> new ArrayList<>());
            String id = permission.resourceId;
            if ("namespace".equals(permission.resourceType) && id.indexOf('/') > 0) {
                namespaces.add(id.substring(id.indexOf('/') + 1));
            }
        }
        List<AccessEntry.Policy> policies = new ArrayList<>();
        byRole.forEach((role, namespaces) -> policies.add(new AccessEntry.Policy(role, namespaces)));
        return new AccessEntry(p.id(), p.role() ? "RamRole" : "RamUser", p.name(), List.of(), policies);
    }

    /** True for a grant on the cluster itself or on one of its namespaces ({@code <cluster id>/<namespace>}). */
    private static boolean on(DescribeUserPermissionResponseBody permission, String clusterId) {
        String id = permission.resourceId;
        return id != null && (id.equals(clusterId) || id.startsWith(clusterId + "/"));
    }

    /** A described grant as GrantPermissions takes it back; null for what is not an RBAC grant (console …). */
    private static GrantPermissionsRequestBody body(DescribeUserPermissionResponseBody permission, boolean ramRole) {
        String id = permission.resourceId;
        if (id == null || permission.roleName == null) {
            return null;
        }
        boolean custom = !PREDEFINED.contains(permission.roleName);
        if ("cluster".equals(permission.resourceType)) {
            return new GrantPermissionsRequestBody()
                    .setCluster(id)
                    .setRoleType("cluster")
                    .setNamespace("")
                    .setRoleName(permission.roleName)
                    .setIsCustom(custom)
                    .setIsRamRole(ramRole);
        }
        if ("namespace".equals(permission.resourceType) && id.indexOf('/') > 0) {
            return new GrantPermissionsRequestBody()
                    .setCluster(id.substring(0, id.indexOf('/')))
                    .setRoleType("namespace")
                    .setNamespace(id.substring(id.indexOf('/') + 1))
                    .setRoleName(permission.roleName)
                    .setIsCustom(custom)
                    .setIsRamRole(ramRole);
        }
        return null;
    }

    private static boolean same(GrantPermissionsRequestBody a, GrantPermissionsRequestBody b) {
        return a.cluster.equals(b.cluster)
                && a.roleType.equals(b.roleType)
                && a.namespace.equals(b.namespace)
                && a.roleName.equals(b.roleName);
    }
}
