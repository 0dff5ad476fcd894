package dev.cloudops.cloud.aws;

import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eks.model.LogSetup;
import software.amazon.awssdk.services.eks.model.UpdateClusterConfigRequest;
import software.amazon.awssdk.services.eks.model.VpcConfigRequest;

/**
 * The basic EKS settings the platform can change (UpdateClusterConfig): API server endpoint access and control
 * plane logging, named as in the drift keys. EKS takes one kind per update, so the two are not mixed.
 */
final class AwsSettings {

    static final Set<String> ENDPOINT = Set.of("endpointPublicAccess", "endpointPrivateAccess", "publicAccessCidrs");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");

    private AwsSettings() {}

    static void check(Map<String, String> settings) {
        boolean endpoint = false;
        boolean logging = false;
        for (var entry : settings.entrySet()) {
            String key = entry.getKey();
            String field = "settings." + key;
            if (ENDPOINT.contains(key)) {
                endpoint = true;
                if (key.equals("publicAccessCidrs")) {
                    cidrs(entry.getValue(), field);
                } else {
                    bool(entry.getValue(), field, false);
                }
            } else if (key.startsWith("logging.") && EksMapping.LOG_TYPES.contains(key.substring(8))) {
                logging = true;
                bool(entry.getValue(), field, false);
            } else {
                throw ApiException.badRequest(
                        "invalid-setting",
                        "EKS cannot change '" + key + "' here; settings: " + ENDPOINT + " and logging."
                                + EksMapping.LOG_TYPES,
                        field);
            }
        }
        if (endpoint && logging) {
            throw ApiException.badRequest(
                    "invalid-setting", "EKS changes endpoint access and logging in separate updates", "settings");
        }
    }

    static UpdateClusterConfigRequest request(String name, Map<String, String> settings) {
        var request = UpdateClusterConfigRequest.builder().name(name);
        if (settings.keySet().stream().anyMatch(ENDPOINT::contains)) {
            var vpc = VpcConfigRequest.builder();
            if (settings.containsKey("endpointPublicAccess")) {
                vpc.endpointPublicAccess(bool(settings.get("endpointPublicAccess"), "", false));
            }
            if (settings.containsKey("endpointPrivateAccess")) {
                vpc.endpointPrivateAccess(bool(settings.get("endpointPrivateAccess"), "", false));
            }
            if (settings.containsKey("publicAccessCidrs")) {
                vpc.publicAccessCidrs(cidrs(settings.get("publicAccessCidrs"), ""));
            }
            request.resourcesVpcConfig(vpc.build());
        } else {
            List<String> on = new ArrayList<>();
            List<String> off = new ArrayList<>();
            settings.forEach((key, value) -> (bool(value, "", false) ? on : off).add(key.substring(8)));
            List<LogSetup> setups = new ArrayList<>();
            if (!on.isEmpty()) {
                setups.add(LogSetup.builder().typesWithStrings(on).enabled(true).build());
            }
            if (!off.isEmpty()) {
                setups.add(
                        LogSetup.builder().typesWithStrings(off).enabled(false).build());
            }
            request.logging(l -> l.clusterLogging(setups));
        }
        return request.build();
    }

    /** "true" or "false"; null gives {@code absent}. */
    static boolean bool(String value, String field, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest("invalid-setting", field + " must be true or false", field);
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> cidrs(String value, String field) {
        List<String> list = value == null
                ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).toList();
        if (list.isEmpty() || list.stream().anyMatch(c -> !CIDR.matcher(c).matches())) {
            throw ApiException.badRequest(
                    "invalid-setting", field + " must be a comma-separated list of IPv4 CIDR blocks", field);
        }
        return list;
    }
}
