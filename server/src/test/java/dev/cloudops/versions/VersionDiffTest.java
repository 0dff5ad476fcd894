package dev.cloudops.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.resource.ObjectNormalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Diffs between versions: unified text, RFC 6902 patch, one-line summary")
class VersionDiffTest {

    private static Map<String, Object> deployment(int replicas, String image, Map<String, String> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "web");
        metadata.put("namespace", "shop");
        if (!labels.isEmpty()) {
            metadata.put("labels", labels);
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "web");
        container.put("image", image);
        Map<String, Object> sidecar = Map.of("name", "proxy", "image", "envoy:1.30");
        return Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                metadata,
                "spec",
                Map.of(
                        "replicas",
                        replicas,
                        "template",
                        Map.of("spec", Map.of("containers", List.of(sidecar, container)))));
    }

    private static VersionDiff.Side side(String label, Map<String, Object> object) {
        ObjectNormalizer.Normalized n = ObjectNormalizer.normalize(object);
        return new VersionDiff.Side(label, n.yaml(), VersionDiff.json(n.content()));
    }

    @Test
    @DisplayName("a changed image and replica count show as unified hunks, replace operations and a summary")
    void changes() {
        var d = VersionDiff.compute(
                side("web@v1", deployment(2, "nginx:1.27", Map.of())),
                side("web@v2", deployment(3, "nginx:1.28", Map.of())));
        assertThat(d.identical()).isFalse();
        assertThat(d.unified())
                .startsWith("--- web@v1\n+++ web@v2\n")
                .contains("-  replicas: 2\n+  replicas: 3\n")
                .contains("-      - image: nginx:1.27")
                .contains("+      - image: nginx:1.28");
        assertThat(d.linesAdded()).isEqualTo(2);
        assertThat(d.linesRemoved()).isEqualTo(2);
        assertThat(d.patch()).hasSize(2);
        assertThat(d.patch().toString())
                .contains("{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}")
                .contains(
                        "{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/1/image\",\"value\":\"nginx:1.28\"}");
        assertThat(d.summary())
                .isEqualTo("spec.replicas: 2 → 3, spec.template.spec.containers[web].image: nginx:1.27 → nginx:1.28");
    }

    @Test
    @DisplayName("added and removed fields are named with + and -, and long lists are cut with a count")
    void addsAndRemoves() {
        var d = VersionDiff.compute(
                side("a", deployment(2, "nginx", Map.of("app", "web"))),
                side("b", deployment(4, "httpd", Map.of("tier", "front", "team", "shop", "zone", "a"))));
        assertThat(d.summary())
                .contains("-metadata.labels.app")
                .contains("+metadata.labels.")
                .contains("more)");
        assertThat(d.patch().toString()).contains("\"op\":\"remove\"").contains("\"op\":\"add\"");
    }

    @Test
    @DisplayName("equal content is identical: no hunks, an empty patch, 'no change'")
    void identical() {
        var d = VersionDiff.compute(
                side("a", deployment(2, "nginx", Map.of())), side("b", deployment(2, "nginx", Map.of())));
        assertThat(d.identical()).isTrue();
        assertThat(d.unified()).isEmpty();
        assertThat(d.patch()).isEmpty();
        assertThat(d.summary()).isEqualTo("no change");
    }

    @Test
    @DisplayName("from nothing is 'created', to nothing is 'deleted', and every line counts")
    void createdAndDeleted() {
        var object = side("b", deployment(1, "nginx", Map.of()));
        long lines = object.yaml().lines().count();
        var created = VersionDiff.compute(VersionDiff.Side.absent("a"), object);
        assertThat(created.summary()).isEqualTo("created");
        assertThat(created.linesAdded()).isEqualTo((int) lines);
        assertThat(created.linesRemoved()).isZero();
        var deleted = VersionDiff.compute(object, VersionDiff.Side.absent("c"));
        assertThat(deleted.summary()).isEqualTo("deleted");
        assertThat(deleted.linesRemoved()).isEqualTo((int) lines);
        assertThat(deleted.unified()).contains("-kind: Deployment");
    }

    @Test
    @DisplayName("JSON pointers read as dotted paths; escaped keys and unnamed list items are kept readable")
    void readablePaths() {
        var root = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree("{\"metadata\":{\"annotations\":{\"a/b\":\"x\"}},\"items\":[{\"x\":1}]}");
        assertThat(VersionDiff.readable(root, "/metadata/annotations/a~1b")).isEqualTo("metadata.annotations.a/b");
        assertThat(VersionDiff.readable(root, "/items/0/x")).isEqualTo("items[0].x");
        assertThat(VersionDiff.readable(root, "")).isEqualTo("(whole object)");
    }

    @Test
    @DisplayName("stored JSON content parses back to the same maps")
    void jsonRoundTrip() {
        var n = ObjectNormalizer.normalize(deployment(2, "nginx", Map.of("app", "web")));
        assertThat(VersionDiff.parse(VersionDiff.json(n.content()))).isEqualTo(n.content());
    }

    @Test
    @DisplayName("long values are shown from where they differ; a removed list item is one entry, not its fields")
    void longValuesAndListItems() {
        Map<String, Object> a = Map.of(
                "image",
                "registry.example.com/checkout/checkout-service:1.4.2",
                "items",
                List.of(Map.of("name", "x", "k", 1), Map.of("name", "y", "k", 2)));
        Map<String, Object> b = Map.of(
                "image",
                "registry.example.com/checkout/checkout-service:1.4.3",
                "items",
                List.of(Map.of("name", "x", "k", 1)));
        var d = VersionDiff.compute(side("a", a), side("b", b));
        assertThat(d.summary())
                .contains("image: …service:1.4.2 → …service:1.4.3")
                .contains("-items[y]")
                .doesNotContain("items[y].k");
    }
}
