package dev.cloudops.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Objects in stable form for versions, backups and diffs")
class ObjectNormalizerTest {

    private static Map<String, Object> deployment(String resourceVersion, int replicas, boolean reversed) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "web");
        metadata.put("namespace", "shop");
        metadata.put("resourceVersion", resourceVersion);
        metadata.put("uid", "u-" + resourceVersion);
        metadata.put("generation", 3);
        metadata.put("creationTimestamp", "2026-11-24T10:00:00Z");
        metadata.put("managedFields", List.of(Map.of("manager", "kubectl")));
        metadata.put(
                "annotations",
                new LinkedHashMap<>(Map.of(
                        ObjectNormalizer.LAST_APPLIED, "{…}", "deployment.kubernetes.io/revision", resourceVersion)));
        metadata.put("labels", new LinkedHashMap<>(Map.of("app", "web")));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (reversed) {
            spec.put(
                    "template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "nginx")))));
            spec.put("replicas", replicas);
        } else {
            spec.put("replicas", replicas);
            spec.put(
                    "template", Map.of("spec", Map.of("containers", List.of(Map.of("image", "nginx", "name", "web")))));
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "apps/v1");
        object.put("kind", "Deployment");
        object.put("metadata", metadata);
        object.put("spec", spec);
        object.put("status", Map.of("readyReplicas", replicas));
        return object;
    }

    @Test
    @DisplayName(
            "server-set fields, status, last-applied and rollout counters go; keys are sorted; equal content hashes equal")
    void stable() {
        var a = ObjectNormalizer.normalize(deployment("100", 2, false));
        var b = ObjectNormalizer.normalize(deployment("205", 2, true));
        assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64);
        assertThat(a.yaml()).isEqualTo(b.yaml());
        assertThat(a.yaml())
                .doesNotContain("resourceVersion", "uid", "generation", "creationTimestamp", "managedFields")
                .doesNotContain("status", "readyReplicas", "annotations", "last-applied", "revision")
                .startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\n  name: web\n");
        assertThat(a.content()).doesNotContainKey("status");
    }

    @Test
    @DisplayName("a spec change changes the hash; the input is left untouched")
    void changes() {
        Map<String, Object> original = deployment("1", 2, false);
        var two = ObjectNormalizer.normalize(original);
        var three = ObjectNormalizer.normalize(deployment("1", 3, false));
        assertThat(two.sha256()).isNotEqualTo(three.sha256());
        assertThat(original).containsKey("status");
        assertThat(((Map<?, ?>) original.get("metadata")).containsKey("uid")).isTrue();
    }
}
