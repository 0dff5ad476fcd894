package dev.cloudops.kube;

import java.util.Map;

/**
 * What the caches keep at hand for every object of a hot kind: its coordinates, labels, the kubectl-style
 * summary row and the values of the fields a field selector may name. The full object stays available through
 * {@link KubeResources#cachedObject}.
 */
public record CachedRow(
        String namespace,
        String name,
        Map<String, String> labels,
        Map<String, Object> summary,
        Map<String, String> fields) {

    /** The value of a selectable field; an unknown field is empty, as kube-apiserver treats a missing one. */
    public String field(String field) {
        return fields.getOrDefault(field, "");
    }

    /** The store key of the object: namespace/name, or name for cluster-scoped objects. */
    public String key() {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
