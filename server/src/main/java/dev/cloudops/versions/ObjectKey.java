package dev.cloudops.versions;

import dev.cloudops.kube.ApiResourceInfo;
import java.util.Map;

/**
 * What identifies a tracked object: cluster, API group, kind, namespace ({@code ""} when cluster-scoped) and
 * name. The version of the API is not part of it: the same object read as {@code autoscaling/v1} or {@code /v2}
 * is one object.
 */
record ObjectKey(long clusterId, String group, String kind, String namespace, String name) {

    ObjectKey {
        namespace = namespace == null ? "" : namespace;
    }

    static ObjectKey of(long clusterId, ApiResourceInfo type, Map<String, Object> object) {
        Map<?, ?> metadata = metadata(object);
        return new ObjectKey(
                clusterId, type.group(), type.kind(), text(metadata.get("namespace")), text(metadata.get("name")));
    }

    static ObjectKey of(long clusterId, String apiVersion, String kind, String namespace, String name) {
        return new ObjectKey(clusterId, groupOf(apiVersion), kind, namespace, name);
    }

    /** The group of an apiVersion: {@code apps} of {@code apps/v1}, {@code ""} of {@code v1}. */
    static String groupOf(String apiVersion) {
        int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The namespace, or null for a cluster-scoped object. */
    String namespaceOrNull() {
        return namespace.isEmpty() ? null : namespace;
    }

    boolean isSecret() {
        return group.isEmpty() && kind.equals("Secret");
    }

    static Map<?, ?> metadata(Map<String, Object> object) {
        return object != null && object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @Override
    public String toString() {
        return kind + (group.isEmpty() ? "" : "." + group) + " " + (namespace.isEmpty() ? "" : namespace + "/") + name
                + " on cluster " + clusterId;
    }
}
