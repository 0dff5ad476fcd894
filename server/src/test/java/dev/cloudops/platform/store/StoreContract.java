package dev.cloudops.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every supported database must do for the platform, driven through the API: migrations, users,
 * grants, tokens, clusters with sealed kubeconfigs and status history, audit paging and filters, and the
 * fleet lock table.
 */
abstract class StoreContract extends PlatformIT {

    @Test
    @DisplayName("users, grants, tokens, clusters, status history and audit round-trip through the database")
    void roundTrip() {
        try (MockCluster mock = MockCluster.start(2)) {
            long cluster = register(mock, unique("db"));
            String operator = userWith(List.of(grant("OPERATOR", cluster, "shop"), grant("VIEWER", null, null)));
            var me = api.get("/api/auth/me", operator);
            assertThat(me.json().path("grants")).hasSize(2);
            assertThat(me.json().path("grants").get(0).path("namespace").asString())
                    .isEqualTo("shop");

            var token = api.post("/api/auth/tokens", Map.of("name", "mcp"), operator);
            assertThat(api.get("/api/auth/me", token.json().path("token").asString())
                            .status())
                    .isEqualTo(200);

            var updated = api.put(
                    "/api/k8s/cluster/" + cluster,
                    Map.of("tags", List.of("a", "b"), "namespaces", List.of("shop")),
                    admin);
            assertThat(updated.json().path("namespaces").get(0).asString()).isEqualTo("shop");
            assertThat(api.get("/api/k8s/cluster/list?size=500", operator)
                            .json()
                            .path("total")
                            .asLong())
                    .isGreaterThanOrEqualTo(1);
            var scoped = userWith(List.of(grant("VIEWER", cluster, null)));
            assertThat(api.get("/api/k8s/cluster/list?size=500", scoped).json().path("items"))
                    .hasSize(1);

            mock.close();
            api.post("/api/k8s/cluster/" + cluster + "/refresh", Map.of(), admin);
            var history = api.get("/api/k8s/cluster/" + cluster + "/status-history", admin);
            assertThat(history.json().get(0).path("to").asString()).isEqualTo("Unreachable");

            var audit = api.get("/api/audit?action=refresh&result=success&size=1", admin);
            assertThat(audit.json().path("total").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(audit.json().path("items")).hasSize(1);
            assertThat(audit.json().path("items").get(0).path("clusterId").asLong())
                    .isEqualTo(cluster);

            assertThat(api.delete("/api/k8s/cluster/" + cluster, admin).status())
                    .isEqualTo(204);
            assertThat(count("cluster_status_events")).isNotNegative();
        }
    }

    @Test
    @DisplayName("a duplicate cluster name is refused by the database too, leaving one row")
    void uniqueNames() {
        try (MockCluster mock = MockCluster.start(0)) {
            String name = unique("uniq");
            register(mock, name);
            var dup = api.post("/api/k8s/cluster/create", Map.of("name", name, "kubeconfig", mock.kubeconfig()), admin);
            assertThat(dup.status()).isEqualTo(409);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM clusters WHERE name = :n")
                            .param("n", name)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a log snapshot is saved, listed newest first with its nullable timestamps, and deleted")
    void logSnapshots() {
        try (MockCluster mock = MockCluster.start(1)) {
            long cluster = register(mock, unique("snap"));
            String ns = mock.namespace(unique("ns"));
            mock.pod(ns, "p", Map.of(), "app");
            mock.serveLog(ns, "p", "&container=app", "one\ntwo\n");
            String base = "/api/k8s/containers/" + cluster + "/" + ns + "/p/app/logs";
            var first = api.post(base + "/snapshots?note=first", "", admin);
            assertThat(first.status()).as(first.text()).isEqualTo(201);
            var second = api.post(base + "/snapshots", "", admin);
            assertThat(second.json().path("lineCount").asLong()).isEqualTo(2);
            assertThat(second.json().path("firstTs").isNull()).isTrue();

            var history = api.get(base + "/history", admin);
            assertThat(history.json().path("total").asLong()).isEqualTo(2);
            assertThat(history.json().path("items").get(0).path("id").asLong())
                    .isEqualTo(second.json().path("id").asLong());
            assertThat(history.json().path("items").get(1).path("note").asString())
                    .isEqualTo("first");
            assertThat(api.get(
                                    "/api/k8s/logs/snapshots/"
                                            + first.json().path("id").asLong(),
                                    admin)
                            .text())
                    .isEqualTo("one\ntwo\n");
            for (var item : history.json().path("items")) {
                assertThat(api.delete(
                                        "/api/k8s/logs/snapshots/"
                                                + item.path("id").asLong(),
                                        admin)
                                .status())
                        .isEqualTo(204);
            }
        }
    }

    @Test
    @DisplayName(
            "backup definitions, backups, job runs and their item reports round-trip; a name is unique per cluster")
    void backups() throws InterruptedException {
        try (MockCluster mock = MockCluster.start(1)) {
            long cluster = register(mock, unique("bk"));
            String ns = mock.namespace(unique("ns"));
            mock.create(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("settings")
                    .withNamespace(ns)
                    .endMetadata()
                    .addToData("mode", "fast")
                    .build());
            Map<String, Object> body = Map.of(
                    "name",
                    "nightly",
                    "clusterId",
                    cluster,
                    "scope",
                    Map.of("namespaces", List.of(ns), "exclude", List.of(Map.of("kind", "secrets"))),
                    "cron",
                    "@daily",
                    "keepCount",
                    3,
                    "keepFor",
                    "30d");
            var created = api.post("/api/k8s/backups/definitions", body, admin);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long definition = created.json().path("id").asLong();
            assertThat(api.post("/api/k8s/backups/definitions", body, admin).code())
                    .isEqualTo("duplicate-definition-name");
            assertThat(api.get("/api/k8s/backups/definitions?clusterId=" + cluster, admin)
                            .json()
                            .path("items")
                            .get(0)
                            .path("scope")
                            .path("exclude")
                            .get(0)
                            .path("kind")
                            .asString())
                    .isEqualTo("secrets");
            var run = api.post("/api/k8s/backups/definitions/" + definition + "/run", Map.of(), admin);
            long backupId =
                    finished(run.json().path("id").asLong()).path("subjectId").asLong();
            var listed = api.get("/api/k8s/backups?clusterId=" + cluster, admin);
            assertThat(listed.json().path("total").asLong()).isEqualTo(1);
            assertThat(listed.json().path("items").get(0).path("objectCount").asInt())
                    .isEqualTo(2);
            var preview = api.post("/api/k8s/backups/" + backupId + "/restore", Map.of("dryRun", true), admin);
            long job = preview.json().path("id").asLong();
            assertThat(finished(job).path("status").asString()).isEqualTo("SUCCEEDED");
            var items = api.get("/api/k8s/backups/jobs/" + job + "/items?outcome=skip&size=1", admin);
            assertThat(items.json().path("total").asLong()).isEqualTo(2);
            assertThat(items.json().path("items")).hasSize(1);
            assertThat(api.get("/api/k8s/backups/" + backupId + "/jobs", admin)
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(2);
            assertThat(api.delete("/api/k8s/backups/definitions/" + definition + "?withBackups=true", admin)
                            .status())
                    .isEqualTo(204);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM job_run_items WHERE job_id = :j")
                            .param("j", job)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    private tools.jackson.databind.JsonNode finished(long job) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var r = api.get("/api/k8s/backups/jobs/" + job, admin);
            String status = r.json().path("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return r.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not finish");
    }
}
