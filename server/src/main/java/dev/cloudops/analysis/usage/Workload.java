package dev.cloudops.analysis.usage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workload a pod belongs to: a Deployment (through its ReplicaSet's {@code pod-template-hash}), a
 * StatefulSet, DaemonSet, Job, a ReplicaSet of no Deployment, or the pod itself when nothing owns it.
 */
public record Workload(String kind, String namespace, String name) {

    /** The workload of a pod, from its owner references and labels alone (no lookup of the owner). */
    public static Workload of(Map<String, Object> pod) {
        String namespace = Json.text(pod, "metadata", "namespace");
        for (Map<String, Object> owner : Json.maps(pod, "metadata", "ownerReferences")) {
            if (!Boolean.TRUE.equals(owner.get("controller")) && owner.get("controller") != null) {
                continue;
            }
            String kind = Json.text(owner, "kind");
            String name = Json.text(owner, "name");
            if (kind == null || name == null) {
                continue;
            }
            String hash = Json.text(pod, "metadata", "labels", "pod-template-hash");
            if ("ReplicaSet".equals(kind) && hash != null && name.endsWith("-" + hash)) {
                return new Workload("Deployment", namespace, name.substring(0, name.length() - hash.length() - 1));
            }
            return new Workload(kind, namespace, name);
        }
        return new Workload("Pod", namespace, Json.text(pod, "metadata", "name"));
    }

    public String apiVersion() {
        return switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" -> "apps/v1";
            case "Job", "CronJob" -> "batch/v1";
            default -> "v1";
        };
    }

    /** The workload as a minimal object map, for findings about it. */
    public Map<String, Object> asObject() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("namespace", namespace);
        metadata.put("name", name);
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion());
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }

    /** {@code Deployment shop/cart}. */
    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
