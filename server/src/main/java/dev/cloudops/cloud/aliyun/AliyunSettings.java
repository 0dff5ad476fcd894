package dev.cloudops.cloud.aliyun;

import com.aliyun.cs20151215.models.MaintenanceWindow;
import com.aliyun.cs20151215.models.ModifyClusterRequest;
import dev.cloudops.platform.error.ApiException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The basic ACK settings the platform can change (ModifyCluster), named as in the drift keys: deletion
 * protection, the resource group, and the maintenance window. A window is sent whole, so a change to one of its
 * fields keeps the others as the cluster has them.
 */
final class AliyunSettings {

    static final Set<String> KEYS = Set.of(
            "deletionProtection",
            "resourceGroupId",
            "maintenanceWindow.enable",
            "maintenanceWindow.maintenanceTime",
            "maintenanceWindow.duration",
            "maintenanceWindow.weeklyPeriod");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("rg-[a-z0-9]{4,64}");
    private static final Pattern DURATION = Pattern.compile("\\d{1,2}h");
    private static final Pattern WEEKDAYS = Pattern.compile("(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
            + "(,(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*");

    private AliyunSettings() {}

    static void check(Map<String, String> settings) {
        for (var entry : settings.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            String field = "settings." + key;
            if (!KEYS.contains(key)) {
                throw ApiException.badRequest(
                        "invalid-setting", "ACK cannot change '" + key + "' here; settings: " + KEYS, field);
            }
            boolean ok = switch (key) {
                case "deletionProtection", "maintenanceWindow.enable" -> "true".equals(value) || "false".equals(value);
                case "resourceGroupId" ->
                    value != null && RESOURCE_GROUP.matcher(value).matches();
                case "maintenanceWindow.duration" ->
                    value != null && DURATION.matcher(value).matches();
                case "maintenanceWindow.weeklyPeriod" ->
                    value != null && WEEKDAYS.matcher(value).matches();
                default -> value != null && AckMapping.instant(value) != null;
            };
            if (!ok) {
                throw ApiException.badRequest("invalid-setting", field + " has an invalid value: " + hint(key), field);
            }
        }
    }

    static ModifyClusterRequest request(Map<String, String> settings, MaintenanceWindow current) {
        var request = new ModifyClusterRequest();
        if (settings.containsKey("deletionProtection")) {
            request.setDeletionProtection(Boolean.parseBoolean(settings.get("deletionProtection")));
        }
        if (settings.containsKey("resourceGroupId")) {
            request.setResourceGroupId(settings.get("resourceGroupId"));
        }
        if (settings.keySet().stream().anyMatch(k -> k.startsWith("maintenanceWindow."))) {
            MaintenanceWindow window = new MaintenanceWindow()
                    .setEnable(current == null ? null : current.enable)
                    .setMaintenanceTime(current == null ? null : current.maintenanceTime)
                    .setDuration(current == null ? null : current.duration)
                    .setWeeklyPeriod(current == null ? null : current.weeklyPeriod);
            settings.forEach((key, value) -> {
                switch (key) {
                    case "maintenanceWindow.enable" -> window.setEnable(Boolean.parseBoolean(value));
                    case "maintenanceWindow.maintenanceTime" -> window.setMaintenanceTime(value);
                    case "maintenanceWindow.duration" -> window.setDuration(value);
                    case "maintenanceWindow.weeklyPeriod" -> window.setWeeklyPeriod(value);
                    default -> {
                        // not a window field
                    }
                }
            });
            request.setMaintenanceWindow(window);
        }
        return request;
    }

    private static String hint(String key) {
        return switch (key) {
            case "deletionProtection", "maintenanceWindow.enable" -> "true or false";
            case "resourceGroupId" -> "a resource group id (rg-…)";
            case "maintenanceWindow.duration" -> "hours such as 3h";
            case "maintenanceWindow.weeklyPeriod" -> "weekdays such as Monday,Thursday";
            default -> "an RFC 3339 time such as 2026-01-01T03:00:00+08:00";
        };
    }
}
