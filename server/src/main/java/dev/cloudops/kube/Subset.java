package dev.cloudops.kube;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a live object already says everything a desired object says, so that applying it would
 * change nothing. Fields the API server manages or defaults are not in the desired object and so do not count.
 */
final class Subset {

    private static final Set<String> SERVER_MANAGED_METADATA =
            Set.of("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink");

    private Subset() {}

    /** True when every field of {@code desired} (ignoring status and server-managed metadata) equals the live one. */
    static boolean liveSatisfies(Map<String, Object> live, Map<String, Object> desired) {
        for (var entry : desired.entrySet()) {
            String key = entry.getKey();
            if (key.equals("status")) {
                continue;
            }
            if (key.equals("metadata") && entry.getValue() instanceof Map<?, ?> meta) {
                for (var m : meta.entrySet()) {
                    if (!SERVER_MANAGED_METADATA.contains(String.valueOf(m.getKey()))
                            && !contains(metadataOf(live).get(m.getKey()), m.getValue())) {
                        return false;
                    }
                }
                continue;
            }
            if (!contains(live.get(key), entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    static boolean contains(Object live, Object desired) {
        if (desired instanceof Map<?, ?> d) {
            if (!(live instanceof Map<?, ?> l)) {
                return d.isEmpty() && live == null;
            }
            return d.entrySet().stream().allMatch(e -> contains(l.get(e.getKey()), e.getValue()));
        }
        if (desired instanceof List<?> d) {
            if (!(live instanceof List<?> l) || l.size() != d.size()) {
                return d.isEmpty() && live == null;
            }
            for (int i = 0; i < d.size(); i++) {
                if (!contains(l.get(i), d.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired == null) {
            return live == null;
        }
        // 1 and 1L, or 1 and "1" (a quantity), mean the same to the API server.
        return live != null && Objects.equals(String.valueOf(live), String.valueOf(desired));
    }

    private static Map<?, ?> metadataOf(Map<String, Object> live) {
        return live.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    }
}
