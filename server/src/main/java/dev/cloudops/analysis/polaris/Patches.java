package dev.cloudops.analysis.polaris;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 6902 operations as maps, the shape {@link dev.cloudops.analysis.Finding#patch()} carries. */
final class Patches {

    private Patches() {}

    static Map<String, Object> add(String path, Object value) {
        return Map.of("op", "add", "path", path, "value", value);
    }

    static Map<String, Object> replace(String path, Object value) {
        return Map.of("op", "replace", "path", path, "value", value);
    }

    static Map<String, Object> remove(String path) {
        return Map.of("op", "remove", "path", path);
    }

    /**
     * One {@code add} that sets {@code keys} under {@code base} (found at {@code basePath}) to {@code value},
     * creating the objects missing on the way (an {@code add} on a member that exists, even as null, replaces it).
     */
    static Map<String, Object> set(Map<String, Object> base, String basePath, Object value, String... keys) {
        Map<String, Object> current = base;
        StringBuilder path = new StringBuilder(basePath);
        for (int i = 0; i < keys.length; i++) {
            path.append('/').append(escape(keys[i]));
            Object next = current.get(keys[i]);
            if (i == keys.length - 1 || !(next instanceof Map<?, ?>)) {
                return add(path.toString(), nest(keys, i + 1, value));
            }
            current = Json.map(next);
        }
        throw new IllegalArgumentException("no keys");
    }

    private static Object nest(String[] keys, int from, Object value) {
        Object nested = value;
        for (int i = keys.length - 1; i >= from; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(keys[i], nested);
            nested = level;
        }
        return nested;
    }

    static String escape(String key) {
        return key.indexOf('~') < 0 && key.indexOf('/') < 0
                ? key
                : key.replace("~", "~0").replace("/", "~1");
    }
}
