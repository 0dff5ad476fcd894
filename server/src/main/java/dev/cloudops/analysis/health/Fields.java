package dev.cloudops.analysis.health;

import java.util.List;
import java.util.Map;

/** Reads nested fields of JSON-ready maps without casts at every step; absent or mistyped fields read as empty. */
final class Fields {

    private Fields() {}

    static Map<?, ?> map(Object object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return Map.of();
            }
            current = m.get(key);
        }
        return current instanceof Map<?, ?> m ? m : Map.of();
    }

    static List<?> list(Object object, String... path) {
        Object current = object;
        for (int i = 0; i < path.length - 1; i++) {
            if (!(current instanceof Map<?, ?> m)) {
                return List.of();
            }
            current = m.get(path[i]);
        }
        Object value = current instanceof Map<?, ?> m ? m.get(path[path.length - 1]) : null;
        return value instanceof List<?> l ? l : List.of();
    }

    static String text(Object object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current == null ? null : current.toString();
    }

    /** A whole number, or {@code fallback} when absent or not a number. */
    static long number(Object object, long fallback, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return fallback;
            }
            current = m.get(key);
        }
        if (current instanceof Number n) {
            return n.longValue();
        }
        if (current instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The condition of the given type from {@code status.conditions}, or an empty map. */
    static Map<?, ?> condition(Map<String, Object> object, String type) {
        for (Object c : list(object, "status", "conditions")) {
            if (c instanceof Map<?, ?> m && type.equals(m.get("type"))) {
                return m;
            }
        }
        return Map.of();
    }

    /** Text, or {@code fallback} when it is null or blank. */
    static String or(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text;
    }
}
