package dev.cloudops.cloud;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The drift rules around the platform's writes, pure. A write may overwrite only settings whose live value is
 * still the one the platform knew, unless the caller names the fingerprint of the exact differences they were
 * shown. Only settings within the write's scope count: scaling one node group is not held up by a tag changed
 * on the cluster.
 */
final class DriftGuard {

    private DriftGuard() {}

    /** The settings a cluster-level write touches: everything but node groups. */
    static Predicate<String> clusterScope() {
        return key -> !key.startsWith("nodegroup.");
    }

    /** The settings of one node group. */
    static Predicate<String> nodeGroupScope(String nodeGroup) {
        String prefix = "nodegroup." + nodeGroup + ".";
        return key -> key.startsWith(prefix);
    }

    static Predicate<String> scopeOf(CloudOperation operation) {
        return operation.nodeGroup() == null ? clusterScope() : nodeGroupScope(operation.nodeGroup());
    }

    /** The drift within a scope. */
    static Drift within(Map<String, String> baseline, Map<String, String> live, Predicate<String> scope) {
        return Drift.between(only(baseline, scope), only(live, scope));
    }

    /**
     * Refuses the write with {@code 409 cloud-drift} when the scope drifted and {@code acceptedFingerprint} does
     * not name exactly that drift.
     */
    static void require(Drift drift, String acceptedFingerprint, String what) {
        if (drift.isEmpty() || drift.fingerprint().equals(acceptedFingerprint)) {
            return;
        }
        throw new dev.cloudops.platform.error.ApiException(
                org.springframework.http.HttpStatus.CONFLICT,
                "cloud-drift",
                what + " changed in the cloud since the platform last saw it: " + drift.describe()
                        + ". Review it (GET …/drift) and repeat the request with driftFingerprint="
                        + drift.fingerprint() + " to go ahead anyway",
                "driftFingerprint");
    }

    /** The baseline after a write within {@code scope}: the scope's live values, everything else as known. */
    static Map<String, String> rebase(Map<String, String> baseline, Map<String, String> live, Predicate<String> scope) {
        Map<String, String> out = new TreeMap<>(only(baseline, scope.negate()));
        out.putAll(only(live, scope));
        return out;
    }

    private static Map<String, String> only(Map<String, String> settings, Predicate<String> scope) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> {
            if (scope.test(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
