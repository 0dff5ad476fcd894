package dev.cloudops.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cross-cluster list from the caches")
class FleetIT extends PlatformIT {

    private final List<MockCluster> mocks = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private String env;

    @BeforeEach
    void fleet() {
        env = unique("env");
        for (int c = 0; c < 2; c++) {
            MockCluster mock = MockCluster.start(1);
            mocks.add(mock);
            mock.create(pod("shop", "web-0", "web", "frontend", "Running"));
            mock.create(pod("shop", "api-0", "api", "backend", "Running"));
            mock.create(pod("shop", "cache-0", "cache", null, "Pending"));
            mock.create(pod("ops", "web-9", "web", "frontend", "Running"));
            var r = api.post(
                    "/api/k8s/cluster/create",
                    java.util.Map.of("name", unique("fleet"), "kubeconfig", mock.kubeconfig(), "env", env),
                    admin);
            ids.add(r.json().path("id").asLong());
        }
    }

    @AfterEach
    void stop() {
        ids.forEach(id -> api.delete("/api/k8s/cluster/" + id, admin));
        mocks.forEach(MockCluster::close);
    }

    private FleetResult list(String query, String token) {
        var r = api.get("/api/k8s/fleet/pods?env=" + env + "&" + query, token);
        return new FleetResult(
                r.status(),
                r.code(),
                r.json() == null
                        ? List.of()
                        : r.json()
                                .path("items")
                                .valueStream()
                                .map(i -> i.path("namespace").asString() + "/"
                                        + i.path("name").asString())
                                .toList(),
                r.json());
    }

    private record FleetResult(int status, String code, List<String> names, tools.jackson.databind.JsonNode json) {}

    private static String q(String selector) {
        return URLEncoder.encode(selector, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("set-based selectors mean what they mean in kubectl: in, notin (absent keys match), exists, !key")
    void selectorGrammar() {
        assertThat(list("labelSelector=" + q("app in (web,api)"), admin).names())
                .containsExactly("ops/web-9", "shop/api-0", "shop/web-0", "ops/web-9", "shop/api-0", "shop/web-0");
        assertThat(list("labelSelector=" + q("tier notin (frontend)"), admin).names())
                .containsExactly("shop/api-0", "shop/cache-0", "shop/api-0", "shop/cache-0");
        assertThat(list("labelSelector=" + q("!tier"), admin).names()).containsExactly("shop/cache-0", "shop/cache-0");
        assertThat(list("labelSelector=" + q("tier,app!=api"), admin).names()).containsOnly("shop/web-0", "ops/web-9");
        var result = list("labelSelector=" + q("app=web") + "&namespace=shop", admin);
        assertThat(result.names()).containsExactly("shop/web-0", "shop/web-0");
        assertThat(result.json().path("clusters")).hasSize(2);
        assertThat(result.json().path("items").get(0).path("status").asString()).isEqualTo("Running");
        assertThat(result.json().path("items").get(0).path("cluster").asString())
                .startsWith("fleet-");
    }

    @Test
    @DisplayName("field selectors on indexed pod fields work; unsupported fields and bad selectors answer 400")
    void fieldSelectors() {
        assertThat(list("fieldSelector=" + q("status.phase=Pending"), admin).names())
                .containsExactly("shop/cache-0", "shop/cache-0");
        var unsupported = list("fieldSelector=" + q("spec.hostname=x"), admin);
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.code()).isEqualTo("invalid-selector");
        assertThat(list("labelSelector=" + q("app in web"), admin).code()).isEqualTo("invalid-selector");
        assertThat(list("labelSelector=" + q("Bad Key=1"), admin).code()).isEqualTo("invalid-selector");
        assertThat(api.get("/api/k8s/fleet/widgets", admin).code()).isEqualTo("unknown-kind");
        assertThat(list("limit=0", admin).code()).isEqualTo("invalid-limit");
    }

    @Test
    @DisplayName("a user sees only the clusters and namespaces granted; the cache follows changes")
    void grantsAndFreshness() throws Exception {
        String scoped = userWith(List.of(grant("VIEWER", ids.get(0), "ops")));
        assertThat(list("", scoped).names()).containsExactly("ops/web-9");

        mocks.get(1).create(pod("ops", "web-10", "web", "frontend", "Running"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (list("labelSelector=app%3Dweb&namespace=ops", admin).names().size() < 3
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(list("labelSelector=app%3Dweb&namespace=ops", admin).names()).hasSize(3);
    }

    @Test
    @DisplayName("a cluster that cannot answer is reported beside the others' results")
    void partialFailure() {
        mocks.get(1).close();
        var result = list("labelSelector=app%3Dapi", admin);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.names()).containsExactly("shop/api-0");
        assertThat(result.json()
                        .path("clusters")
                        .valueStream()
                        .filter(c -> !c.path("error").isNull())
                        .count())
                .isEqualTo(1);
    }

    private static Pod pod(String ns, String name, String app, String tier, String phase) {
        var b = new PodBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .addToLabels("app", app);
        if (tier != null) {
            b.addToLabels("tier", tier);
        }
        return b.endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("img:1")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase(phase)
                .endStatus()
                .build();
    }
}
