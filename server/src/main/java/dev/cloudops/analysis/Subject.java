package dev.cloudops.analysis;

import java.util.Map;

/** The object a finding is about. {@code namespace} is null for cluster-scoped objects. */
public record Subject(String apiVersion, String kind, String namespace, String name) {

    /** The coordinates of a Kubernetes object given as a map (as the caches and YAML parsers give them). */
    public static Subject of(Map<String, ?> object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        return new Subject(
                text(object.get("apiVersion")),
                text(object.get("kind")),
                text(metadata.get("namespace")),
                text(metadata.get("name")));
    }

    /** {@code Deployment shop/cart}, {@code Node node-1}. */
    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
