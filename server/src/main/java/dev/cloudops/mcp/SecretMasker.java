package dev.cloudops.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hides the values of Kubernetes Secrets in anything a tool answers: every map that is a Secret keeps the keys of
 * {@code data} and {@code stringData} but not their values, and loses the last-applied annotation kubectl writes
 * (which holds the same values). Always on; no setting turns it off.
 */
final class SecretMasker {

    static final String MASK = "***";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private SecretMasker() {}

    /** A copy of {@code node} (maps, lists, scalars) with every Secret masked. */
    static Object mask(Object node) {
        return mask(node, false);
    }

    /** A copy of {@code object} masked as a Secret even if it does not say {@code kind: Secret} (list items). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> maskAsSecret(Map<String, Object> object) {
        return (Map<String, Object>) mask(object, true);
    }

    private static Object mask(Object node, boolean secret) {
        if (node instanceof Map<?, ?> map) {
            boolean isSecret = secret || "Secret".equals(map.get("kind"));
            Map<String, Object> out = new LinkedHashMap<>();
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                if (isSecret && (key.equals("data") || key.equals("stringData")) && value instanceof Map<?, ?> data) {
                    Map<String, Object> masked = new LinkedHashMap<>();
                    data.keySet().forEach(k -> masked.put(String.valueOf(k), MASK));
                    out.put(key, masked);
                } else if (isSecret && key.equals("metadata") && value instanceof Map<?, ?> metadata) {
                    out.put(key, withoutLastApplied(metadata));
                } else {
                    out.put(key, mask(value, false));
                }
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(mask(item, false)));
            return out;
        }
        return node;
    }

    private static Map<String, Object> withoutLastApplied(Map<?, ?> metadata) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var entry : metadata.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("annotations") && entry.getValue() instanceof Map<?, ?> annotations) {
                Map<String, Object> kept = new LinkedHashMap<>();
                annotations.forEach((k, v) -> kept.put(String.valueOf(k), LAST_APPLIED.equals(k) ? MASK : v));
                out.put(key, kept);
            } else {
                out.put(key, mask(entry.getValue(), false));
            }
        }
        return out;
    }
}
