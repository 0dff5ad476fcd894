package dev.cloudops.analysis.polaris;

import java.util.List;
import java.util.Map;

/** Null-safe reads of the JSON-ready maps a {@link dev.cloudops.analysis.ClusterState} holds; never copies. */
final class Json {

    private Json() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static Map<String, Object> map(Map<String, ?> parent, String key) {
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, ?> parent, String key) {
        return parent.get(key) instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String text(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        return value == null ? null : value.toString();
    }

    /** True only for a boolean {@code true} (or the string YAML 1.1 would have read as one). */
    static boolean isTrue(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    static boolean isFalse(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        return Boolean.FALSE.equals(value) || "false".equals(value);
    }

    /** An integer field, or null when it is absent or not a whole number. */
    static Long number(Map<String, ?> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 18) {
            return Long.parseLong(s);
        }
        return null;
    }

    static String name(Map<String, ?> object) {
        return text(map(object, "metadata"), "name");
    }

    /** The namespace, with "" for none, so manifests without one compare equal. */
    static String namespace(Map<String, ?> object) {
        String ns = text(map(object, "metadata"), "namespace");
        return ns == null ? "" : ns;
    }

    static Map<String, Object> labels(Map<String, ?> object) {
        return map(map(object, "metadata"), "labels");
    }

    static Map<String, Object> annotations(Map<String, ?> object) {
        return map(map(object, "metadata"), "annotations");
    }

    /** Case-insensitive membership of a list of strings. */
    static boolean containsIgnoreCase(List<?> values, String wanted) {
        for (Object v : values) {
            if (v != null && wanted.equalsIgnoreCase(v.toString())) {
                return true;
            }
        }
        return false;
    }
}
