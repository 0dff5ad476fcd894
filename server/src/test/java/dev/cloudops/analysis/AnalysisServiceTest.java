package dev.cloudops.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.CachedKind;
import dev.cloudops.kube.CachedRow;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnalysisServiceTest {

    private static final long CLUSTER = 7;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> VERBS = List.of("get", "list", "watch");

    private final KubeResources kube = mock(KubeResources.class);
    private final ClusterService clusters = mock(ClusterService.class);
    private final AccessPolicy access = new AccessPolicy();
    private final List<String> seen = new ArrayList<>();
    private final Analyzer reader = new AnalysisEngineTest.Fake("reader", false, List.of(), (state, findings) -> {
        for (String kind : List.of("Pod", "ConfigMap", "Node", "Widget")) {
            state.objects(kind)
                    .forEach(o -> seen.add(kind + " " + Subject.of(o).namespace() + "/"
                            + Subject.of(o).name()));
        }
        seen.add("serves Widget: " + state.serves("Widget"));
        seen.add("live: " + state.live() + " " + state.source() + " " + state.observedAt());
    });
    private AnalysisService service;

    @BeforeEach
    void setUp() {
        service = new AnalysisService(new AnalysisEngine(List.of(reader), CLOCK), clusters, kube, access, CLOCK);
        when(clusters.get(CLUSTER)).thenReturn(view());
        when(kube.discover(CLUSTER))
                .thenReturn(List.of(
                        new ApiResourceInfo("", "v1", "Pod", "pods", "pod", true, VERBS, List.of()),
                        new ApiResourceInfo("", "v1", "ConfigMap", "configmaps", "configmap", true, VERBS, List.of()),
                        new ApiResourceInfo("", "v1", "Node", "nodes", "node", false, VERBS, List.of())));
        List<CachedRow> rows = List.of(row("a"), row("b"));
        when(kube.cachedRows(CLUSTER, CachedKind.PODS)).thenReturn(rows);
        when(kube.cachedObject(eq(CLUSTER), eq(CachedKind.PODS), any()))
                .thenAnswer(i -> object("Pod", ((CachedRow) i.getArgument(2)).namespace(), "p"));
        when(kube.cachedRows(CLUSTER, CachedKind.NODES))
                .thenReturn(List.of(new CachedRow(null, "n1", Map.of(), Map.of(), Map.of())));
        when(kube.cachedObject(eq(CLUSTER), eq(CachedKind.NODES), any())).thenReturn(object("Node", null, "n1"));
        when(kube.list(eq(CLUSTER), any(), any(), any(), any(), anyLong(), eq(null)))
                .thenReturn(new ObjectPage(List.of(object("ConfigMap", "a", "c1")), "next", 1L));
        when(kube.list(eq(CLUSTER), any(), any(), any(), any(), anyLong(), eq("next")))
                .thenReturn(new ObjectPage(List.of(object("ConfigMap", "b", "c2")), null, 0L));
    }

    private static ClusterView view() {
        return new ClusterView(
                CLUSTER,
                "prod",
                "ctx",
                "prod",
                List.of(),
                List.of(),
                "https://k",
                "v1.31",
                1,
                null,
                null,
                false,
                null,
                null,
                null);
    }

    private static CachedRow row(String namespace) {
        return new CachedRow(namespace, "p", Map.of(), Map.of(), Map.of());
    }

    private static Map<String, Object> object(String kind, String namespace, String name) {
        Map<String, Object> metadata = new java.util.HashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return Map.of("apiVersion", "v1", "kind", kind, "metadata", metadata);
    }

    private <T> T as(List<Grant> grants, java.util.function.Supplier<T> work) {
        return access.runAs(new CurrentUser(1, "u", grants), work);
    }

    @Test
    @DisplayName("a namespace outside the caller's grants is 403 before anything is read")
    void forbiddenNamespace() {
        var grants = List.of(new Grant(Role.VIEWER, CLUSTER, "a"));
        assertThatThrownBy(() -> as(grants, () -> service.analyze(CLUSTER, "b", List.of())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() ->
                        as(List.of(new Grant(Role.VIEWER, 99L, null)), () -> service.analyze(CLUSTER, null, List.of())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> as(grants, () -> service.analyze(CLUSTER, "Not_Valid", List.of())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid-namespace"));
        assertThatThrownBy(() -> as(grants, () -> service.analyze(CLUSTER, "a", List.of("nope"))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("unknown-analyzer"));
        verifyNoInteractions(kube);
        assertThat(seen).isEmpty();
    }

    @Test
    @DisplayName("without a namespace a namespace viewer gets their namespaces only, and no cluster-scoped objects")
    void grantedNamespacesOnly() {
        as(List.of(new Grant(Role.VIEWER, CLUSTER, "a")), () -> service.analyze(CLUSTER, null, List.of()));
        assertThat(seen).contains("Pod a/p", "ConfigMap a/c1", "serves Widget: false");
        assertThat(seen).noneMatch(s -> s.contains("b/") || s.startsWith("Node"));
    }

    @Test
    @DisplayName(
            "a cluster reader gets every namespace, cluster-scoped objects, hot kinds from caches and the rest in pages")
    void wholeCluster() {
        var result = as(List.of(new Grant(Role.VIEWER, null, null)), () -> service.analyze(CLUSTER, null, null));
        assertThat(seen)
                .contains(
                        "Pod a/p",
                        "Pod b/p",
                        "ConfigMap a/c1",
                        "ConfigMap b/c2",
                        "Node null/n1",
                        "live: true prod 2026-01-01T00:00:00Z");
        assertThat(result.objectsExamined()).isEqualTo(5);
        verify(kube).list(eq(CLUSTER), any(), eq(null), eq(null), eq(null), eq(500L), eq("next"));
    }

    @Test
    @DisplayName("one namespace of a cluster reader is that namespace only")
    void oneNamespace() {
        as(List.of(new Grant(Role.ADMIN, CLUSTER, null)), () -> service.analyze(CLUSTER, "b", List.of()));
        assertThat(seen).contains("Pod b/p", "ConfigMap b/c2").noneMatch(s -> s.contains("a/") || s.startsWith("Node"));
    }

    @Test
    @DisplayName("a kind the platform may not list is a note and skipped; an unreachable cluster ends the analysis")
    void forbiddenKind() {
        when(kube.list(eq(CLUSTER), any(), any(), any(), any(), anyLong(), eq(null)))
                .thenThrow(ApiException.forbidden("kube-forbidden", "configmaps is forbidden"));
        var grants = List.of(new Grant(Role.VIEWER, null, null));
        var result = as(grants, () -> service.analyze(CLUSTER, null, List.of()));
        assertThat(seen).contains("Pod a/p").noneMatch(s -> s.startsWith("ConfigMap"));
        assertThat(result.notes())
                .containsExactly("ConfigMap could not be read (kube-forbidden): configmaps is forbidden; checks on it"
                        + " were skipped");

        when(kube.cachedRows(CLUSTER, CachedKind.PODS))
                .thenThrow(new ApiException(
                        org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "kube-unavailable", "down"));
        assertThatThrownBy(() -> as(grants, () -> service.analyze(CLUSTER, null, List.of())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("kube-unavailable"));
    }

    @Test
    @DisplayName("manifests that are not YAML objects are invalid-yaml; the live-only analyzer is skipped")
    void manifests() {
        for (String bad : List.of("just words", "key: [unclosed")) {
            assertThatThrownBy(() -> service.analyzeManifests(bad, List.of()))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid-yaml"));
        }
        assertThatThrownBy(() -> service.analyzeManifests(" ", List.of()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("empty-manifest"));
        var result = service.analyzeManifests("kind: Pod\nmetadata: {name: p}\n", List.of());
        assertThat(result.analyzers()).isEmpty();
        assertThat(result.notes()).hasSize(1);
        verifyNoInteractions(kube);
    }
}
