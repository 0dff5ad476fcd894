package dev.cloudops.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compact views of Kubernetes objects (as maps), so answers spend an agent's context on what matters. */
final class ObjectViews {

    private ObjectViews() {}

    /** The object without {@code metadata.managedFields}, which is bulky and tells an agent nothing. */
    static Map<String, Object> withoutManagedFields(Map<String, Object> object) {
        Map<String, Object> out = new LinkedHashMap<>(object);
        if (object.get("metadata") instanceof Map<?, ?> metadata && metadata.containsKey("managedFields")) {
            Map<String, Object> m = new LinkedHashMap<>();
            metadata.forEach((k, v) -> {
                if (!"managedFields".equals(k)) {
                    m.put(String.valueOf(k), v);
                }
            });
            out.put("metadata", m);
        }
        return out;
    }

    /** Name, namespace, age and the status an operator looks at first (phase, readiness, restarts). */
    static Map<String, Object> summary(Map<String, Object> object) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<?, ?> metadata = map(object.get("metadata"));
        out.put("name", metadata.get("name"));
        if (metadata.get("namespace") != null) {
            out.put("namespace", metadata.get("namespace"));
        }
        out.put("created", metadata.get("creationTimestamp"));
        if (metadata.get("labels") instanceof Map<?, ?> labels && !labels.isEmpty()) {
            out.put("labels", labels);
        }
        Map<?, ?> spec = map(object.get("spec"));
        Map<?, ?> status = map(object.get("status"));
        if (status.get("phase") != null) {
            out.put("phase", status.get("phase"));
        }
        if (status.get("containerStatuses") instanceof List<?> containers && !containers.isEmpty()) {
            long ready = containers.stream()
                    .filter(c -> Boolean.TRUE.equals(map(c).get("ready")))
                    .count();
            long restarts = containers.stream()
                    .mapToLong(c -> map(c).get("restartCount") instanceof Number n ? n.longValue() : 0)
                    .sum();
            out.put("ready", ready + "/" + containers.size());
            out.put("restarts", restarts);
            containers.stream()
                    .map(c -> map(map(map(c).get("state")).get("waiting")).get("reason"))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .ifPresent(reason -> out.put("waiting", reason));
        } else if (spec.get("replicas") instanceof Number replicas) {
            Object ready = status.get("readyReplicas");
            out.put("ready", (ready == null ? 0 : ready) + "/" + replicas);
        }
        if (object.get("type") != null && object.get("data") != null) {
            out.put("type", object.get("type"));
        }
        return out;
    }

    /** Only the given dotted paths of the object ({@code metadata.name}, {@code spec.replicas}). */
    static Map<String, Object> pick(Map<String, Object> object, List<String> paths) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String path : paths) {
            Object value = object;
            for (String part : path.split("\\.")) {
                value = value instanceof Map<?, ?> m ? m.get(part) : null;
            }
            out.put(path, value);
        }
        return out;
    }

    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }
}
