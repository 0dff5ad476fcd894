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
    @DisplayName("versions: tracking, content-addressed versions, paging, tags, branches, history and purge")
    void versions() {
        try (MockCluster mock = MockCluster.start(1)) {
            long cluster = register(mock, unique("ver"));
            String ns = mock.namespace(unique("ns"));
            String apply = "/api/k8s/resources/" + cluster + "/apply?namespace=" + ns;
            String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: m0}\n";
            assertThat(api.postText(apply, manifest, "application/yaml", admin).status())
                    .isEqualTo(200);
            var tracked = api.get(
                    "/api/k8s/yaml/tracked?clusterId=" + cluster + "&namespace=" + ns + "&kind=cm&name=settings",
                    admin);
            assertThat(tracked.json().path("total").asLong()).as(tracked.text()).isEqualTo(1);
            long id = tracked.json().path("items").get(0).path("id").asLong();
            for (int i = 1; i <= 3; i++) {
                api.postText(apply, manifest.replace("m0", "m" + i), "application/yaml", admin);
            }
            api.postText(apply, manifest.replace("m0", "m3"), "application/yaml", admin);
            String base = "/api/k8s/yaml/versions/" + id;
            var page = api.get(base + "?size=2&page=1", admin);
            assertThat(page.json().path("total").asLong()).isEqualTo(4);
            assertThat(page.json().path("items").findValuesAsString("version")).containsExactly("v2", "v1");
            assertThat(api.get(base + "/refs/current", admin)
                            .json()
                            .path("parentNumber")
                            .asInt())
                    .isEqualTo(3);

            assertThat(api.post(base + "/tag", Map.of("tag", "first", "version", "v1"), admin)
                            .status())
                    .isEqualTo(201);
            assertThat(api.post(base + "/tag", Map.of("tag", "first"), admin).code())
                    .isEqualTo("duplicate-tag");
            assertThat(api.get(base + "/diff?from=first", admin)
                            .json()
                            .path("summary")
                            .asString())
                    .isEqualTo("data.mode: m0 → m3");

            assertThat(api.post(base + "/branches", Map.of("name", "exp", "from", "v2"), admin)
                            .status())
                    .isEqualTo(201);
            var commit = api.postText(
                    base + "/branches/exp/commits", manifest.replace("m0", "exp"), "application/yaml", admin);
            assertThat(commit.status()).as(commit.text()).isEqualTo(201);
            assertThat(api.get(base + "/history?branch=exp", admin)
                            .json()
                            .path("items")
                            .findValuesAsString("version"))
                    .containsExactly("v5", "v2", "v1");
            assertThat(api.get(base + "/branches", admin).json().findValuesAsString("name"))
                    .containsExactly("main", "exp");

            assertThat(api.delete("/api/k8s/yaml/tracked/" + id + "?purge=true", admin)
                            .status())
                    .isEqualTo(204);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM version_tags WHERE resource_id = :r")
                            .param("r", id)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM version_branches WHERE resource_id = :r")
                            .param("r", id)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }
}
