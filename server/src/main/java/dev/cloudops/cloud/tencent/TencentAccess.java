package dev.cloudops.cloud.tencent;

import com.tencentcloudapi.cam.v20190116.CamClient;
import com.tencentcloudapi.cam.v20190116.models.ListUsersRequest;
import com.tencentcloudapi.cam.v20190116.models.SubAccountInfo;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.tke.v20180525.TkeClient;
import com.tencentcloudapi.tke.v20180525.models.DeleteUserPermissionsRequest;
import com.tencentcloudapi.tke.v20180525.models.DescribeUserPermissionsRequest;
import com.tencentcloudapi.tke.v20180525.models.GrantUserPermissionsRequest;
import com.tencentcloudapi.tke.v20180525.models.PermissionItem;
import dev.cloudops.cloud.AccessEntry;
import dev.cloudops.cloud.AccessGrant;
import dev.cloudops.cloud.CloudProblems;
import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TKE's RBAC grants for CAM identities (GrantUserPermissions, DescribeUserPermissions, DeleteUserPermissions):
 * a CAM sub-account or role, by its UIN, gets a TKE role ({@code tke:admin}, {@code tke:ops}, {@code tke:dev},
 * {@code tke:ro}, {@code tke:ns:dev}, {@code tke:ns:ro} or a custom one) on a cluster or on namespaces. TKE keeps
 * an identity's grants per region, not per cluster, and GrantUserPermissions replaces an identity's whole list: a
 * grant is the identity's current list plus the new items. No API lists a cluster's grants, so the list is built
 * from the account's CAM sub-accounts (CAM ListUsers), one DescribeUserPermissions each.
 */
final class TencentAccess {

    static final Set<String> PRESET_ROLES =
            Set.of("tke:admin", "tke:ops", "tke:dev", "tke:ro", "tke:ns:dev", "tke:ns:ro");
    private static final Pattern UIN = Pattern.compile("\\d{5,20}");
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9:._-]{1,128}");

    private TencentAccess() {}

    static List<AccessEntry> list(TkeClient tke, CamClient cam, String clusterId) throws TencentCloudSDKException {
        SubAccountInfo[] users = cam.ListUsers(new ListUsersRequest()).getData();
        List<AccessEntry> out = new ArrayList<>();
        for (SubAccountInfo user : users == null ? new SubAccountInfo[0] : users) {
            String uin = String.valueOf(user.getUin());
            List<PermissionItem> items = onCluster(permissions(tke, uin), clusterId);
            if (!items.isEmpty()) {
                out.add(entry(uin, "CAM_USER", user.getName(), items));
            }
        }
        return out;
    }

    static AccessEntry grant(TkeClient tke, String clusterId, AccessGrant grant) throws TencentCloudSDKException {
        check(grant);
        List<PermissionItem> all = new ArrayList<>(permissions(tke, grant.principal()));
        List<String> scopes =
                grant.namespaces().isEmpty() ? java.util.Collections.singletonList(null) : grant.namespaces();
        for (String namespace : scopes) {
            PermissionItem item = item(clusterId, grant.policy(), namespace);
            if (all.stream().noneMatch(p -> same(p, item))) {
                all.add(item);
            }
        }
        var request = new GrantUserPermissionsRequest();
        request.setTargetUin(grant.principal());
        request.setPermissions(all.toArray(PermissionItem[]::new));
        tke.GrantUserPermissions(request);
        return entry(grant.principal(), "CAM_IDENTITY", null, onCluster(all, clusterId));
    }

    static void revoke(TkeClient tke, String clusterId, String principal) throws TencentCloudSDKException {
        if (!UIN.matcher(principal).matches()) {
            throw ApiException.badRequest("invalid-field", "principal must be a CAM UIN (digits)", "principal");
        }
        List<PermissionItem> items = onCluster(permissions(tke, principal), clusterId);
        if (items.isEmpty()) {
            throw CloudProblems.notFound("CAM identity " + principal + " has no grant on TKE cluster " + clusterId);
        }
        var request = new DeleteUserPermissionsRequest();
        request.setTargetUin(principal);
        request.setPermissions(items.toArray(PermissionItem[]::new));
        tke.DeleteUserPermissions(request);
    }

    static void check(AccessGrant grant) {
        if (!UIN.matcher(grant.principal()).matches()) {
            throw ApiException.badRequest(
                    "invalid-field", "principal must be the UIN of a CAM sub-account or role (digits)", "principal");
        }
        if (!ROLE.matcher(grant.policy()).matches()) {
            throw ApiException.badRequest(
                    "invalid-field", "policy must be a TKE role such as tke:admin, tke:ro or tke:ns:dev", "policy");
        }
        if (!grant.groups().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field", "TKE grants roles, not Kubernetes groups: leave groups empty", "groups");
        }
        if (grant.policy().startsWith("tke:ns:") && grant.namespaces().isEmpty()) {
            throw ApiException.badRequest(
                    "invalid-field", grant.policy() + " is a namespace role: name the namespaces", "namespaces");
        }
    }

    private static List<PermissionItem> permissions(TkeClient tke, String uin) throws TencentCloudSDKException {
        var request = new DescribeUserPermissionsRequest();
        request.setTargetUin(uin);
        PermissionItem[] items = tke.DescribeUserPermissions(request).getPermissions();
        return items == null ? List.of() : List.of(items);
    }

    private static List<PermissionItem> onCluster(List<PermissionItem> items, String clusterId) {
        return items.stream().filter(p -> clusterId.equals(p.getClusterId())).toList();
    }

    private static PermissionItem item(String clusterId, String role, String namespace) {
        var item = new PermissionItem();
        item.setClusterId(clusterId);
        item.setRoleName(role);
        item.setRoleType(namespace == null ? "cluster" : "namespace");
        item.setIsCustom(!PRESET_ROLES.contains(role));
        item.setNamespace(namespace);
        return item;
    }

    private static boolean same(PermissionItem a, PermissionItem b) {
        return Objects.equals(a.getClusterId(), b.getClusterId())
                && Objects.equals(a.getRoleName(), b.getRoleName())
                && Objects.equals(a.getRoleType(), b.getRoleType())
                && Objects.equals(a.getNamespace(), b.getNamespace());
    }

    private static AccessEntry entry(String uin, String type, String username, List<PermissionItem> items) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (PermissionItem p : items) {
            List<String> namespaces = byRole.computeIfAbsent(p.getRoleName(), r -> new ArrayList<>());
            if ("namespace".equals(p.getRoleType()) && p.getNamespace() != null) {
                namespaces.add(p.getNamespace());
            }
        }
        List<AccessEntry.Policy> policies = new ArrayList<>();
        byRole.forEach((role, namespaces) -> policies.add(new AccessEntry.Policy(role, namespaces)));
        return new AccessEntry(uin, type, username, List.of(), policies);
    }
}
