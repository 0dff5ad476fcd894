package dev.cloudops.cloud.huawei;

import com.huaweicloud.sdk.iam.v3.model.KeystoneAssociateGroupWithProjectPermissionRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneGroupResult;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListGroupsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListPermissionsRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneListProjectPermissionsForGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneRemoveProjectPermissionFromGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.KeystoneShowGroupRequest;
import com.huaweicloud.sdk.iam.v3.model.RoleResult;
import dev.cloudops.cloud.AccessEntry;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Access to CCE clusters through IAM, the way CCE's cluster-level permissions work: an IAM user group holds CCE
 * roles or policies ({@code CCE ReadOnlyAccess}, {@code CCE FullAccess}, {@code CCE Administrator} …) on the
 * cluster's region project. Such a grant covers every cluster of the project, not one cluster; CCE's per-cluster
 * and namespace RBAC authorisation has no API in the SDK this adapter is built on (see docs/cloud-huawei.md).
 * Principals are IAM user group ids.
 */
final class CceAccess {

    static final String CATALOG = "CCE";
    private static final Pattern GROUP_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9 _.:-]{1,128}");
    private static final int MAX_GROUPS = 200;

    private CceAccess() {}

    static void check(AccessGrant grant) {
        if (grant.principal() == null || !GROUP_ID.matcher(grant.principal()).matches()) {
            throw invalid("principal must be an IAM user group id (32 hexadecimal characters)", "principal");
        }
        if (grant.policy() == null || !ROLE.matcher(grant.policy()).matches()) {
            throw invalid("policy must be a CCE role or policy name such as 'CCE ReadOnlyAccess', or its id", "policy");
        }
        if (!grant.namespaces().isEmpty()) {
            throw invalid(
                    "CCE grants through IAM apply to the whole project; namespace-scoped grants are not supported",
                    "namespaces");
        }
        if (!grant.groups().isEmpty()) {
            throw invalid("CCE grants through IAM do not take Kubernetes groups", "groups");
        }
    }

    static List<AccessEntry> list(HuaweiClients clients, HuaweiClients.Bundle b) {
        var groups = clients.invoke(b.iam().keystoneListGroupsInvoker(new KeystoneListGroupsRequest()))
                .getGroups();
        List<AccessEntry> out = new ArrayList<>();
        // One IAM call per group: the first MAX_GROUPS groups of the account are looked at, no more.
        var looked = groups == null
                ? List.<KeystoneGroupResult>of()
                : groups.subList(0, Math.min(MAX_GROUPS, groups.size()));
        for (KeystoneGroupResult group : looked) {
            List<RoleResult> roles = cceRoles(clients, b, group.getId());
            if (!roles.isEmpty()) {
                out.add(entry(group, roles));
            }
        }
        return out;
    }

    static AccessEntry grant(HuaweiClients clients, HuaweiClients.Bundle b, AccessGrant grant) {
        KeystoneGroupResult group = clients.invoke(
                        b.iam().keystoneShowGroupInvoker(new KeystoneShowGroupRequest().withGroupId(grant.principal())))
                .getGroup();
        RoleResult role = role(clients, b, grant.policy());
        clients.invoke(b.iam()
                .keystoneAssociateGroupWithProjectPermissionInvoker(
                        new KeystoneAssociateGroupWithProjectPermissionRequest()
                                .withProjectId(b.projectId())
                                .withGroupId(grant.principal())
                                .withRoleId(role.getId())));
        return entry(group, cceRoles(clients, b, grant.principal()));
    }

    static void revoke(HuaweiClients clients, HuaweiClients.Bundle b, String principal) {
        if (principal == null || !GROUP_ID.matcher(principal).matches()) {
            throw invalid("principal must be an IAM user group id (32 hexadecimal characters)", "principal");
        }
        List<RoleResult> roles = cceRoles(clients, b, principal);
        if (roles.isEmpty()) {
            throw CloudProblems.notFound("IAM user group " + principal + " holds no CCE role on this project");
        }
        for (RoleResult role : roles) {
            clients.invoke(b.iam()
                    .keystoneRemoveProjectPermissionFromGroupInvoker(
                            new KeystoneRemoveProjectPermissionFromGroupRequest()
                                    .withProjectId(b.projectId())
                                    .withGroupId(principal)
                                    .withRoleId(role.getId())));
        }
    }

    /** A CCE role by display name ("CCE ReadOnlyAccess"), internal name or id; 422 when IAM has none such. */
    private static RoleResult role(HuaweiClients clients, HuaweiClients.Bundle b, String policy) {
        var byName = clients.invoke(b.iam()
                        .keystoneListPermissionsInvoker(new KeystoneListPermissionsRequest().withDisplayName(policy)))
                .getRoles();
        if (byName != null) {
            for (RoleResult role : byName) {
                if (CATALOG.equalsIgnoreCase(role.getCatalog())) {
                    return role;
                }
            }
        }
        var all = clients.invoke(b.iam()
                        .keystoneListPermissionsInvoker(new KeystoneListPermissionsRequest().withCatalog(CATALOG)))
                .getRoles();
        if (all != null) {
            for (RoleResult role : all) {
                if (policy.equals(role.getId()) || policy.equals(role.getName())) {
                    return role;
                }
            }
        }
        throw CloudProblems.invalidRequest("IAM has no CCE role or policy named '" + policy + "'");
    }

    private static List<RoleResult> cceRoles(HuaweiClients clients, HuaweiClients.Bundle b, String groupId) {
        var roles = clients.invoke(b.iam()
                        .keystoneListProjectPermissionsForGroupInvoker(
                                new KeystoneListProjectPermissionsForGroupRequest()
                                        .withProjectId(b.projectId())
                                        .withGroupId(groupId)))
                .getRoles();
        return roles == null
                ? List.of()
                : roles.stream()
                        .filter(r -> CATALOG.equalsIgnoreCase(r.getCatalog()))
                        .toList();
    }

    private static AccessEntry entry(KeystoneGroupResult group, List<RoleResult> roles) {
        return new AccessEntry(
                group.getId(),
                "group",
                group.getName(),
                List.of(),
                roles.stream()
                        .map(r -> new AccessEntry.Policy(
                                r.getDisplayName() != null ? r.getDisplayName() : r.getName(), List.of()))
                        .toList());
    }

    private static ApiException invalid(String detail, String field) {
        return ApiException.badRequest("invalid-field", detail, field);
    }
}
