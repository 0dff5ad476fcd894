package dev.cloudops.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an object from a backup into the document a restore applies: its namespace mapped, and what only made
 * sense in the source cluster dropped — owner references (their uids are the old objects'), a Service's
 * allocated cluster IPs (a headless {@code None} stays) and a Namespace's renamed name when it is mapped.
 */
final class RestoreTransform {

    private RestoreTransform() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> apply(Map<String, Object> object, String targetNamespace, String targetName) {
        Map<String, Object> out = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) Selection.map(out.get("metadata")));
        metadata.remove("ownerReferences");
        if (targetNamespace != null) {
            metadata.put("namespace", targetNamespace);
        } else {
            metadata.remove("namespace");
        }
        metadata.put("name", targetName);
        out.put("metadata", metadata);
        if ("v1".equals(out.get("apiVersion"))
                && "Service".equals(out.get("kind"))
                && out.get("spec") instanceof Map<?, ?> spec) {
            Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) spec);
            if (!"None".equals(s.get("clusterIP"))) {
                s.remove("clusterIP");
                s.remove("clusterIPs");
            } else if (s.get("clusterIPs") instanceof List<?>) {
                s.put("clusterIPs", List.of("None"));
            }
            out.put("spec", s);
        }
        return out;
    }
}
