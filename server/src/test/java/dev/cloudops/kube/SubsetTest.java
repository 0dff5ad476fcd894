package dev.cloudops.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Apply writes only when the live object differs from the desired one")
class SubsetTest {

    private static final Map<String, Object> LIVE = Map.of(
            "apiVersion", "v1",
            "kind", "ConfigMap",
            "metadata",
                    Map.of(
                            "name",
                            "a",
                            "namespace",
                            "n",
                            "resourceVersion",
                            "7",
                            "uid",
                            "u",
                            "labels",
                            Map.of("x", "1")),
            "data", Map.of("k", "v", "defaulted", "by-server"),
            "spec", Map.of("replicas", 2, "ports", List.of(Map.of("port", 80, "protocol", "TCP"))));

    @Test
    @DisplayName("fields the server added or manages do not count as differences")
    void serverFieldsIgnored() {
        var desired = Map.<String, Object>of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", "a", "resourceVersion", "1"),
                "data",
                Map.of("k", "v"),
                "spec",
                Map.of("replicas", 2L, "ports", List.of(Map.of("port", 80))),
                "status",
                Map.of("anything", true));
        assertThat(Subset.liveSatisfies(LIVE, desired)).isTrue();
    }

    @Test
    @DisplayName("a changed value, a new label, a different list length or a missing field is a difference")
    void differences() {
        assertThat(Subset.liveSatisfies(LIVE, Map.of("data", Map.of("k", "w")))).isFalse();
        assertThat(Subset.liveSatisfies(LIVE, Map.of("metadata", Map.of("labels", Map.of("y", "2")))))
                .isFalse();
        assertThat(Subset.liveSatisfies(LIVE, Map.of("spec", Map.of("ports", List.of()))))
                .isFalse();
        assertThat(Subset.liveSatisfies(
                        LIVE, Map.of("spec", Map.of("ports", List.of(Map.of("port", 80), Map.of("port", 81))))))
                .isFalse();
        assertThat(Subset.liveSatisfies(LIVE, Map.of("other", "x"))).isFalse();
        assertThat(Subset.contains(null, null)).isTrue();
        assertThat(Subset.contains("x", null)).isFalse();
        assertThat(Subset.contains(null, Map.of())).isTrue();
    }
}
