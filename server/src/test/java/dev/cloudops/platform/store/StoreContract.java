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
 * grants, tokens, clusters with sealed kubeconfigs and status history, audit paging and filters, the
 * fleet lock table, log snapshots and log schedules.
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

    @org.springframework.beans.factory.annotation.Autowired
    private dev.cloudops.container.logs.LogSchedules logSchedules;

    @Test
    @DisplayName("a log schedule is stored, listed by grants, claimed and run once, remembers restarts, and deleted")
    void logSchedules() throws InterruptedException {
        try (MockCluster mock = MockCluster.start(1)) {
            long cluster = register(mock, unique("sched"));
            String ns = mock.namespace(unique("ns"));
            mock.create(new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata()
                    .withName("p")
                    .withNamespace(ns)
                    .addToLabels("app", "x")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("app:1")
                    .endContainer()
                    .endSpec()
                    .withNewStatus()
                    .addNewContainerStatus()
                    .withName("app")
                    .withRestartCount(0)
                    .endContainerStatus()
                    .endStatus()
                    .build());
            mock.serveLog(ns, "p", "&container=app&timestamps=true", "2026-01-01T00:00:01Z one\n");
            var created = api.post(
                    "/api/k8s/logs/" + cluster + "/" + ns + "/schedules",
                    Map.of("name", "s", "labelSelector", "app=x", "interval", "1m", "containers", List.of("app")),
                    admin);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            String path = "/api/k8s/logs/schedules/" + id;
            String reader = userWith(List.of(grant("VIEWER", cluster, ns)));
            String other = userWith(List.of(grant("VIEWER", cluster, "elsewhere")));
            assertThat(api.get("/api/k8s/logs/schedules?clusterId=" + cluster, reader)
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(1);
            assertThat(api.get("/api/k8s/logs/schedules?clusterId=" + cluster, other)
                            .json()
                            .path("total")
                            .asLong())
                    .isZero();

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (api.get(path, admin).json().path("lastRunAt").isNull()) {
                logSchedules.runDue();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(100);
            }
            var ran = api.get(path, admin).json();
            assertThat(ran.path("lastResult").asString()).as(ran.toString()).isEqualTo("ok");
            assertThat(ran.path("lastSnapshots").asInt()).isEqualTo(1);
            assertThat(ran.path("nextRunAt").isNull()).isFalse();
            var saved = api.get(path + "/snapshots", admin).json();
            assertThat(saved.path("items").get(0).path("scheduleId").asLong()).isEqualTo(id);

            var restart = api.put(
                    path,
                    Map.of("name", "s", "labelSelector", "app=x", "cron", "@hourly", "trigger", "restart"),
                    admin);
            assertThat(restart.status()).as(restart.text()).isEqualTo(200);
            assertThat(api.post(path + "/run", "", admin)
                            .json()
                            .path("lastResult")
                            .asString())
                    .isEqualTo("nothing");
            assertThat(api.delete(path, admin).status()).isEqualTo(204);
            assertThat(api.get(path, admin).status()).isEqualTo(404);
            assertThat(api.delete(
                                    "/api/k8s/logs/snapshots/"
                                            + saved.path("items")
                                                    .get(0)
                                                    .path("id")
                                                    .asLong(),
                                    admin)
                            .status())
                    .isEqualTo(204);
        }
    }

    @Test
    @DisplayName("cloud accounts, grants, cloud clusters with their baseline, and jobs round-trip through the database")
    void cloudRecords() {
        var aws = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                        .dynamicPort());
        aws.start();
        try {
            aws.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okXml(
                            "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/u</Arn>"
                                    + "<UserId>U</UserId><Account>1</Account></GetCallerIdentityResult>"
                                    + "</GetCallerIdentityResponse>")));
            String cluster = "{\"name\":\"db\",\"arn\":\"arn:aws:eks:eu-west-1:1:cluster/db\",\"version\":\"1.30\","
                    + "\"status\":\"ACTIVE\",\"tags\":{\"team\":\"a\"}}";
            aws.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/clusters/db")
                    .willReturn(
                            com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"cluster\":" + cluster + "}")));
            aws.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/clusters/db/node-groups")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"nodegroups\":[]}")));
            aws.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/clusters/db/updates")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                            "{\"update\":{\"id\":\"u1\",\"status\":\"InProgress\"}}")));
            var account = api.post(
                    "/api/k8s/cloud/accounts",
                    Map.of(
                            "name", unique("db"),
                            "provider", "aws",
                            "regions", List.of("eu-west-1", "us-east-1"),
                            "credentials", Map.of("accessKeyId", "AKIADATABASETEST0001", "secretAccessKey", "s"),
                            "endpoints", Map.of("default", "http://localhost:" + aws.port())),
                    admin);
            assertThat(account.status()).as(account.text()).isEqualTo(201);
            long id = account.json().path("id").asLong();
            assertThat(account.json().path("regions")).hasSize(2);
            assertThat(account.json().path("endpoints").path("default").asString())
                    .contains("localhost");
            String viewer = userWith(List.of());
            long viewerId = api.get("/api/auth/me", viewer).json().path("id").asLong();
            api.put(
                    "/api/k8s/cloud/accounts/" + id + "/grants",
                    List.of(Map.of("userId", viewerId, "role", "VIEWER")),
                    admin);
            assertThat(api.get("/api/k8s/cloud/accounts?provider=aws", viewer)
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(1);

            var imported = api.post(
                    "/api/k8s/cloud/accounts/" + id + "/regions/eu-west-1/clusters/db/import",
                    Map.of("register", false),
                    admin);
            assertThat(imported.status()).as(imported.text()).isEqualTo(201);
            long record = imported.json().path("id").asLong();
            assertThat(api.get("/api/k8s/cloud/clusters?accountId=" + id, viewer)
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(1);
            assertThat(api.post("/api/k8s/cloud/clusters/" + record + "/sync", "", admin)
                            .json()
                            .path("drift")
                            .asBoolean())
                    .isFalse();
            var job = api.put("/api/k8s/cloud/clusters/" + record, Map.of("version", "1.31"), admin);
            assertThat(job.status()).as(job.text()).isEqualTo(202);
            assertThat(api.get("/api/k8s/cloud/jobs?status=RUNNING&accountId=" + id, viewer)
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(1);
            assertThat(api.delete("/api/k8s/cloud/accounts/" + id, admin).code())
                    .isEqualTo("account-in-use");
            jdbc.sql("UPDATE cloud_jobs SET status = 'FAILED' WHERE account_id = :a")
                    .param("a", id)
                    .update();
            assertThat(api.post("/api/k8s/cloud/clusters/" + record + "/forget?confirm=db", "", admin)
                            .status())
                    .isEqualTo(204);
            assertThat(api.delete("/api/k8s/cloud/accounts/" + id, admin).status())
                    .isEqualTo(204);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM cloud_account_grants WHERE account_id = :a")
                            .param("a", id)
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            aws.stop();
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

    @Test
    @DisplayName("an analysis scan stores its report and findings, filters them, and prunes old scans with theirs")
    void analysisScans() throws InterruptedException {
        try (MockCluster mock = MockCluster.start(1)) {
            String ns = mock.namespace(unique("scan"));
            mock.pod(ns, "crashy", Map.of(), "app");
            mock.client().pods().inNamespace(ns).withName("crashy").editStatus(p -> {
                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                        .withPhase("Running")
                        .addNewContainerStatus()
                        .withName("app")
                        .withImage("app:1")
                        .withReady(false)
                        .withRestartCount(7)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .endWaiting()
                        .endState()
                        .endContainerStatus()
                        .build());
                return p;
            });
            long cluster = register(mock, unique("scan"));
            for (int i = 0; i < 21; i++) {
                jdbc.sql("INSERT INTO analysis_scans (cluster_id, created_by, status, created_at, notes)"
                                + " VALUES (:c, 'admin', 'SUCCEEDED', :at, '[]')")
                        .param("c", cluster)
                        .param("at", i)
                        .update();
            }
            long oldest = jdbc.sql("SELECT MIN(id) FROM analysis_scans WHERE cluster_id = :c")
                    .param("c", cluster)
                    .query(Long.class)
                    .single();
            jdbc.sql("INSERT INTO analysis_findings (scan_id, seq, check_id, category, severity, severity_rank,"
                            + " message) VALUES (:s, 0, 'old', 'HEALTH', 'INFO', 0, 'old finding')")
                    .param("s", oldest)
                    .update();

            var started = api.post(
                    "/api/k8s/analysis/scans",
                    Map.of("clusterId", cluster, "namespace", ns, "analyzers", List.of("health")),
                    admin);
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            long id = started.json().path("id").asLong();
            String status = "QUEUED";
            for (int i = 0; i < 300 && !status.equals("SUCCEEDED") && !status.equals("FAILED"); i++) {
                Thread.sleep(100);
                status = api.get("/api/k8s/analysis/scans/" + id, admin)
                        .json()
                        .path("status")
                        .asString();
            }
            assertThat(status).isEqualTo("SUCCEEDED");
            var report = api.get("/api/k8s/analysis/scans/" + id, admin).json();
            assertThat(report.path("bySeverity").path("CRITICAL").asInt()).isEqualTo(1);
            assertThat(report.path("scores").path("HEALTH").asInt()).isLessThan(100);
            var findings = api.get(
                            "/api/k8s/analysis/scans/" + id + "/findings?severity=CRITICAL&kind=Pod&namespace=" + ns,
                            admin)
                    .json();
            assertThat(findings.path("total").asLong()).isEqualTo(1);
            assertThat(findings.path("items").get(0).path("checkId").asString()).isEqualTo("podCrashLoopBackOff");
            assertThat(findings.path("items").get(0).path("patch")).isEmpty();
            assertThat(api.get("/api/k8s/analysis/scans?clusterId=" + cluster + "&size=5", admin)
                            .json()
                            .path("total")
                            .asLong())
                    .isEqualTo(20);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM analysis_findings WHERE scan_id = :s")
                            .param("s", oldest)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Test
    @DisplayName("a sync schedule round-trips its objects and targets, is claimed once when due, and is deleted")
    void syncSchedules() {
        try (MockCluster source = MockCluster.start(0);
                MockCluster target = MockCluster.start(0)) {
            long from = register(source, unique("src"));
            long to = register(target, unique("dst"));
            String name = unique("nightly");
            var created = api.post(
                    "/api/k8s/cloud/sync/schedules",
                    Map.of(
                            "name",
                            name,
                            "sourceClusterId",
                            from,
                            "objects",
                            List.of(Map.of("kind", "configmaps", "namespace", "shop", "name", "settings")),
                            "targetClusterIds",
                            List.of(to),
                            "targetNamespace",
                            "shop-copy",
                            "cron",
                            "30 2 * * 1-5",
                            "timeZone",
                            "Asia/Shanghai"),
                    admin);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            var read = api.get("/api/k8s/cloud/sync/schedules/" + id, admin).json();
            assertThat(read.path("objects").get(0).path("name").asString()).isEqualTo("settings");
            assertThat(read.path("targetClusterIds").get(0).asLong()).isEqualTo(to);
            assertThat(read.path("targetNamespace").asString()).isEqualTo("shop-copy");
            assertThat(read.path("cron").asString()).isEqualTo("30 2 * * 1-5");
            assertThat(read.path("timeZone").asString()).isEqualTo("Asia/Shanghai");
            assertThat(read.path("interval").isNull()).isTrue();
            var duplicate = api.post(
                    "/api/k8s/cloud/sync/schedules",
                    Map.of(
                            "name",
                            name,
                            "sourceClusterId",
                            from,
                            "objects",
                            List.of(Map.of("kind", "configmaps", "namespace", "shop", "name", "settings")),
                            "targetClusterIds",
                            List.of(to),
                            "interval",
                            "1h"),
                    admin);
            assertThat(duplicate.code()).isEqualTo("duplicate-schedule-name");
            long due = jdbc.sql("SELECT next_run_at FROM sync_schedules WHERE id = :id")
                    .param("id", id)
                    .query(Long.class)
                    .single();
            assertThat(jdbc.sql("UPDATE sync_schedules SET next_run_at = :n WHERE id = :id AND next_run_at = :due")
                            .param("n", due + 1000)
                            .param("id", id)
                            .param("due", due)
                            .update())
                    .isEqualTo(1);
            assertThat(api.delete("/api/k8s/cloud/sync/schedules/" + id, admin).status())
                    .isEqualTo(204);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_schedules WHERE id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.cloudops.analysis.alerts.AlertService alertService;

    @Test
    @DisplayName("alerts (one open per workload and kind), webhooks with sealed URLs, and deliveries round-trip")
    void alerts() {
        long cluster = 700_000 + (System.nanoTime() % 1000);
        var workload = new dev.cloudops.analysis.usage.Workload("Deployment", "shop", "cart");
        var spike = new dev.cloudops.analysis.alerts.Signal(
                workload,
                dev.cloudops.analysis.alerts.AlertKind.RESTART_SPIKE,
                dev.cloudops.analysis.Severity.CRITICAL,
                "9 restarts in the last interval; usually 0.0",
                9,
                0);
        String name = unique("hook");
        var hook = api.post(
                "/api/k8s/analysis/alert-webhooks",
                Map.of(
                        "name", name,
                        "type", "wecom",
                        "webhookUrl", "http://127.0.0.1:9/cgi-bin/webhook/send?key=store-secret-key",
                        "minSeverity", "INFO"),
                admin);
        assertThat(hook.status()).isEqualTo(201);
        long hookId = hook.json().path("id").asLong();
        assertThat(hook.text()).doesNotContain("store-secret-key");

        assertThat(alertService.reconcile(cluster, "db", List.of(spike)).opened())
                .isEqualTo(1);
        assertThat(alertService.reconcile(cluster, "db", List.of(spike)).repeated())
                .isEqualTo(1);
        var open = api.get("/api/k8s/analysis/alerts?clusterId=" + cluster + "&state=open", admin);
        assertThat(open.json().path("items")).hasSize(1);
        long id = open.json().path("items").get(0).path("id").asLong();
        assertThat(open.json().path("items").get(0).path("occurrences").asInt()).isEqualTo(2);
        assertThat(open.json().path("items").get(0).path("value").asDouble()).isEqualTo(9.0);
        var acked = api.post("/api/k8s/analysis/alerts/" + id + "/ack", Map.of(), admin);
        assertThat(acked.json().path("ackedBy").asString()).isEqualTo("admin");
        // The database itself refuses a second open alert with the same key.
        assertThat(jdbc.sql("SELECT open_key FROM analysis_alerts WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isNotNull();
        assertThat(alertService.reconcile(cluster, "db", List.of()).resolved()).isEqualTo(1);
        assertThat(api.get("/api/k8s/analysis/alerts/" + id, admin)
                        .json()
                        .path("state")
                        .asString())
                .isEqualTo("resolved");
        var deliveries = api.get("/api/k8s/analysis/alert-webhooks/" + hookId + "/deliveries", admin);
        assertThat(deliveries.json().path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(api.delete("/api/k8s/analysis/alert-webhooks/" + hookId, admin)
                        .status())
                .isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM alert_deliveries WHERE webhook_id = :w")
                        .param("w", hookId)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
