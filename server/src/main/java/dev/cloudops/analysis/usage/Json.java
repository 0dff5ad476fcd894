package dev.cloudops.analysis.usage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reading the JSON-ready maps of a {@link dev.cloudops.analysis.ClusterState} without casts at every step. */
public final class Json {

    private Json() {}

    /** The value at {@code path} below {@code object}, or null where any step is missing or not a map. */
    public static Object at(Object object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    public static String text(Object object, String... path) {
        Object value = at(object, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object object, String... path) {
        return at(object, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(Object object, String... path) {
        if (!(at(object, path) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .filter(Map.class::isInstance)
                .map(m -> (Map<String, Object>) m)
                .toList();
    }

    public static long number(Object object, String... path) {
        Object value = at(object, path);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** An RFC 3339 time, or null when missing or malformed. */
    public static Instant time(Object object, String... path) {
        String value = text(object, path);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
