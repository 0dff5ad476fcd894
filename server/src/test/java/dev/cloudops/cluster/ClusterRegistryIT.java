package dev.cloudops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Cluster registry over HTTP")
class ClusterRegistryIT extends PlatformIT {

    private MockCluster mock;

    @BeforeEach
    void startMock() {
        mock = MockCluster.start(3);
    }

    @AfterEach
    void stopMock() {
        mock.close();
    }

    @Test
    @DisplayName(
            "registration records version, node count and status, and stores the kubeconfig sealed, never returned")
    void registers() {
        String name = unique("prod");
        var created = api.post(
                "/api/k8s/cluster/create",
                Map.of(
                        "name",
                        name,
                        "kubeconfig",
                        mock.kubeconfig(),
                        "env",
                        "production",
                        "tags",
                        List.of("eu"),
                        "namespaces",
                        List.of()),
                admin);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").asString()).isEqualTo("Healthy");
        assertThat(created.json().path("nodeCount").asInt()).isEqualTo(3);
        assertThat(created.json().path("version").asString()).isNotBlank();
        assertThat(created.json().path("context").asString()).isEqualTo("test-context");
        assertThat(created.text()).doesNotContain(MockCluster.TOKEN).doesNotContainIgnoringCase("kubeconfig");
        long id = created.json().path("id").asLong();

        var detail = api.get("/api/k8s/cluster/" + id, admin);
        var list = api.get("/api/k8s/cluster/list?q=" + name, admin);
        assertThat(detail.text()).doesNotContain(MockCluster.TOKEN).doesNotContainIgnoringCase("kubeconfig");
        assertThat(list.json().path("items")).hasSize(1);
        assertThat(list.text()).doesNotContain(MockCluster.TOKEN);

        String stored = jdbc.sql("SELECT kubeconfig_sealed FROM clusters WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:").doesNotContain(MockCluster.TOKEN).doesNotContain("apiVersion");

        var audit = api.get("/api/audit?action=cluster/create&size=5", admin);
        assertThat(audit.text()).contains("[redacted]").doesNotContain(MockCluster.TOKEN);
    }

    @Test
    @DisplayName("bad kubeconfigs are refused with their own codes and nothing is stored")
    void refusesBadKubeconfigs() {
        long before = count("clusters");
        assertRefused("not: [valid", 400, "invalid-kubeconfig", null);
        assertRefused("apiVersion: v1\nkind: Config\n", 400, "incomplete-kubeconfig", null);
        assertRefused(mock.kubeconfig(), 400, "unknown-context", "no-such-context");
        assertRefused(
                mock.kubeconfig().replace("token: " + MockCluster.TOKEN, "exec: {command: /bin/sh}"),
                400,
                "unsupported-credentials",
                null);
        assertRefused(MockCluster.kubeconfig("http://127.0.0.1:1", "ctx"), 422, "cluster-unreachable", null);
        assertRefused(mock.kubeconfig().replace("server: http", "server: ftp"), 400, "invalid-kubeconfig", null);
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 7; i++) {
            bomb.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))))
                    .append("]\n");
        }
        assertRefused(bomb.toString(), 400, "invalid-kubeconfig", null);
        assertThat(count("clusters")).isEqualTo(before);
    }

    @Test
    @DisplayName("an oversized body is refused with 413 before it is read, and nothing is stored")
    void refusesOversizedBodies() {
        long before = count("clusters");
        String huge = "x".repeat(3 * 1024 * 1024);
        var r = api.post("/api/k8s/cluster/create", Map.of("name", "huge", "kubeconfig", huge), admin);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.code()).isEqualTo("body-too-large");
        assertThat(count("clusters")).isEqualTo(before);
    }

    @Test
    @DisplayName("duplicate and invalid names are refused; unknown ids answer 404")
    void names() {
        String name = unique("dup");
        register(mock, name);
        long before = count("clusters");
        var dup = api.post("/api/k8s/cluster/create", Map.of("name", name, "kubeconfig", mock.kubeconfig()), admin);
        var bad = api.post(
                "/api/k8s/cluster/create", Map.of("name", "Not_A_Name", "kubeconfig", mock.kubeconfig()), admin);
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.code()).isEqualTo("duplicate-cluster-name");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid-name");
        assertThat(bad.json().path("field").asString()).isEqualTo("name");
        assertThat(count("clusters")).isEqualTo(before);
        assertThat(api.get("/api/k8s/cluster/999999", admin).code()).isEqualTo("cluster-not-found");
        assertThat(api.delete("/api/k8s/cluster/999999", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/k8s/cluster/abc", admin).code()).isEqualTo("invalid-parameter");
    }

    @Test
    @DisplayName("update changes metadata, delete removes the cluster, and only admins may register")
    void updateAndDelete() {
        long id = register(mock, unique("upd"));
        var updated = api.put("/api/k8s/cluster/" + id, Map.of("env", "staging", "tags", List.of("a", "b")), admin);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("env").asString()).isEqualTo("staging");
        assertThat(updated.json().path("tags")).hasSize(2);

        String viewer = userWith(List.of(grant("VIEWER", id, null)));
        var viewerCreate = api.post(
                "/api/k8s/cluster/create", Map.of("name", unique("v"), "kubeconfig", mock.kubeconfig()), viewer);
        assertThat(viewerCreate.status()).isEqualTo(403);
        assertThat(api.delete("/api/k8s/cluster/" + id, viewer).status()).isEqualTo(403);
        assertThat(api.get("/api/k8s/cluster/" + id, viewer).status()).isEqualTo(200);

        assertThat(api.delete("/api/k8s/cluster/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/k8s/cluster/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a cluster that goes away degrades to Unreachable, records the change, and others stay Healthy")
    void degrades() {
        long gone = register(mock, unique("gone"));
        try (MockCluster other = MockCluster.start(1)) {
            long healthy = register(other, unique("ok"));
            mock.close();

            var refreshed = api.post("/api/k8s/cluster/" + gone + "/refresh", Map.of(), admin);
            var fine = api.post("/api/k8s/cluster/" + healthy + "/refresh", Map.of(), admin);

            assertThat(refreshed.json().path("status").asString()).isEqualTo("Unreachable");
            assertThat(refreshed.json().path("statusMessage").asString()).isNotBlank();
            assertThat(fine.json().path("status").asString()).isEqualTo("Healthy");
            var history = api.get("/api/k8s/cluster/" + gone + "/status-history", admin);
            assertThat(history.json().get(0).path("to").asString()).isEqualTo("Unreachable");
            assertThat(history.json().get(0).path("from").asString()).isEqualTo("Healthy");
        } finally {
            mock = MockCluster.start(0);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    ClusterHealthSync healthSync;

    @Test
    @DisplayName("the scheduled health sync marks a vanished cluster Unreachable and a returning one Healthy")
    void healthSync() {
        long id = register(mock, unique("sync"));
        mock.close();
        healthSync.syncAll();
        assertThat(api.get("/api/k8s/cluster/" + id, admin)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("Unreachable");
        mock = MockCluster.start(1);
        api.put("/api/k8s/cluster/" + id, Map.of("kubeconfig", mock.kubeconfig()), admin);
        healthSync.syncAll();
        var back = api.get("/api/k8s/cluster/" + id, admin).json();
        assertThat(back.path("status").asString()).isEqualTo("Healthy");
        assertThat(back.path("nodeCount").asInt()).isEqualTo(1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    RegistryFollower follower;

    @Test
    @DisplayName("changes another replica writes to the shared registry reach this replica's clients")
    void followsOtherReplicas() {
        long id = register(mock, unique("shared"));
        mock.create(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("kube-public")
                .endMetadata()
                .build());
        assertThat(api.get("/api/k8s/resources/" + id + "/configmaps?namespace=kube-public", admin)
                        .status())
                .isEqualTo(200);

        // Another replica restricts the cluster to one namespace: only the shared row changes.
        jdbc.sql("UPDATE clusters SET namespaces = 'shop' WHERE id = :id")
                .param("id", id)
                .update();
        follower.syncAll();
        assertThat(api.get("/api/k8s/resources/" + id + "/configmaps?namespace=kube-public", admin)
                        .code())
                .isEqualTo("namespace-restricted");

        // Another replica removes it.
        jdbc.sql("DELETE FROM clusters WHERE id = :id").param("id", id).update();
        follower.syncAll();
        assertThat(api.get("/api/k8s/resources/" + id + "/configmaps?namespace=shop", admin)
                        .code())
                .isEqualTo("cluster-not-found");
    }

    private void assertRefused(String kubeconfig, int status, String code, String context) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", unique("bad"), "kubeconfig", kubeconfig));
        if (context != null) {
            body.put("context", context);
        }
        var r = api.post("/api/k8s/cluster/create", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.text()).doesNotContain(MockCluster.TOKEN);
    }
}
