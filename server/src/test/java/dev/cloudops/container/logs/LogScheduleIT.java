package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@DisplayName("Log schedules over HTTP: CRUD, runs by the fleet job, the restart trigger")
class LogScheduleIT extends PlatformIT {

    /** What the crashed run of the container wrote before it died: the kubelet keeps it as the previous log. */
    private static final String CRASHED_RUN = """
            2026-01-01T00:00:01Z booting checkout 2.3
            2026-01-01T00:00:02Z ERROR cannot reach db: connection refused
            2026-01-01T00:00:02.5Z panic: exiting
            """;

    private static final String CURRENT_RUN = """
            2026-01-01T00:01:00Z booting checkout 2.3
            2026-01-01T00:01:01Z GET /healthz 200
            """;

    @Autowired
    private LogSchedules schedules;

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("sched"));
        ns = mock.namespace(unique("ns"));
        mock.create(new DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "checkout")
                .endSelector()
                .endSpec()
                .build());
        pod("checkout-1", 3);
        pod("checkout-2", 0);
        for (String pod : List.of("checkout-1", "checkout-2")) {
            mock.serveLog(ns, pod, "&container=app&previous=true&timestamps=true", CRASHED_RUN);
            mock.serveLog(ns, pod, "&container=app&tailLines=100&timestamps=true", CURRENT_RUN);
        }
    }

    @AfterEach
    void tearDown() {
        // schedules left behind would keep running against a mock that is gone
        jdbc.sql("DELETE FROM log_schedules WHERE namespace_name = :n")
                .param("n", ns)
                .update();
        mock.close();
    }

    /** A checkout pod whose container {@code app} has restarted {@code restarts} times and now crash-loops. */
    private void pod(String name, int restarts) {
        var status = new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName("app")
                .withRestartCount(restarts)
                .withReady(false)
                .withImage("checkout:2.3");
        if (restarts > 0) {
            status.withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .endWaiting()
                    .endState()
                    .withNewLastState()
                    .withNewTerminated()
                    .withReason("Error")
                    .withExitCode(1)
                    .endTerminated()
                    .endLastState();
        } else {
            status.withNewState().withNewRunning().endRunning().endState();
        }
        mock.create(new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .addToLabels("app", "checkout")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-0")
                .addNewContainer()
                .withName("app")
                .withImage("checkout:2.3")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addToContainerStatuses(status.build())
                .endStatus()
                .build());
    }

    private void restarted(String name, int restarts) {
        var pod = mock.client().pods().inNamespace(ns).withName(name).get();
        pod.getStatus().getContainerStatuses().get(0).setRestartCount(restarts);
        mock.client().pods().inNamespace(ns).resource(pod).updateStatus();
    }

    private String create() {
        return "/api/k8s/logs/" + cluster + "/" + ns + "/schedules";
    }

    private static Map<String, Object> spec(Object... pairs) {
        Map<String, Object> spec = new HashMap<>();
        spec.put("name", "keep checkout");
        for (int i = 0; i < pairs.length; i += 2) {
            spec.put((String) pairs[i], pairs[i + 1]);
        }
        return spec;
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM log_schedules WHERE namespace_name = :n")
                .param("n", ns)
                .query(Long.class)
                .single();
    }

    private JsonNode schedule(long id) {
        var r = api.get("/api/k8s/logs/schedules/" + id, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    /**
     * Runs the fleet job until the schedule has a run newer than {@code after}: the background tick may have taken
     * it first (each run claims its schedule), so this waits for whichever ran it.
     */
    private JsonNode awaitRun(long id, String after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            schedules.runDue();
            JsonNode s = schedule(id);
            String last =
                    s.path("lastRunAt").isNull() ? null : s.path("lastRunAt").asString();
            if (last != null && !last.equals(after)) {
                return s;
            }
            assertThat(System.nanoTime()).as("schedule %d ran", id).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode snapshotsOf(long id) {
        var r = api.get("/api/k8s/logs/schedules/" + id + "/snapshots", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    @DisplayName("a workload schedule is run by the fleet job, saves searchable snapshots and records its run")
    void workloadSchedule() throws InterruptedException {
        var created = api.post(
                create(),
                spec(
                        "workload",
                        "deployments/checkout",
                        "interval",
                        "5m",
                        "tailLines",
                        100,
                        "containers",
                        List.of("app")),
                admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode s = created.json();
        long id = s.path("id").asLong();
        assertThat(s.path("interval").asString()).isEqualTo("PT5M");
        assertThat(s.path("trigger").asString()).isEqualTo("always");
        assertThat(s.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(s.path("owner").asString()).isEqualTo("admin");
        assertThat(s.path("enabled").asBoolean()).isTrue();
        assertThat(s.path("lastRunAt").isNull()).isTrue();
        assertThat(s.has("ownerId")).isFalse();
        assertThat(Instant.parse(s.path("nextRunAt").asString())).isBeforeOrEqualTo(Instant.now());

        JsonNode ran = awaitRun(id, null);
        assertThat(ran.path("lastResult").asString()).as(ran.toString()).isEqualTo("ok");
        assertThat(ran.path("lastSnapshots").asInt()).isEqualTo(2);
        assertThat(ran.path("lastMessage").asString()).isEqualTo("saved 2 of 2 containers in 2 pods");
        Instant lastRun = Instant.parse(ran.path("lastRunAt").asString());
        assertThat(Instant.parse(ran.path("nextRunAt").asString()))
                .isBetween(lastRun.plus(Duration.ofMinutes(4)), lastRun.plus(Duration.ofMinutes(5)));
        assertThat(schedules.runDue()).as("not due again for five minutes").isZero();

        JsonNode saved = snapshotsOf(id);
        assertThat(saved.path("total").asLong()).isEqualTo(2);
        JsonNode snapshot = saved.path("items").get(0);
        assertThat(snapshot.path("reason").asString()).isEqualTo("schedule");
        assertThat(snapshot.path("scheduleId").asLong()).isEqualTo(id);
        assertThat(snapshot.path("createdBy").asString()).isEqualTo("admin");
        assertThat(snapshot.path("note").asString()).isEqualTo("schedule " + id + " (keep checkout)");
        assertThat(snapshot.path("firstTs").asString()).isEqualTo("2026-01-01T00:01:00Z");
        long snapshotId = snapshot.path("id").asLong();
        assertThat(api.get("/api/k8s/logs/snapshots/" + snapshotId, admin).text())
                .isEqualTo(CURRENT_RUN);
        var search = api.get("/api/k8s/logs/snapshots/" + snapshotId + "/search?q=healthz", admin);
        assertThat(search.text().lines().findFirst().orElseThrow()).contains("\"line\":\"GET /healthz 200\"");
        var history = api.get(
                "/api/k8s/containers/" + cluster + "/" + ns + "/"
                        + snapshot.path("pod").asString() + "/app/logs/history",
                admin);
        assertThat(history.json().path("items").get(0).path("scheduleId").asLong())
                .isEqualTo(id);

        var listed = api.get("/api/k8s/logs/schedules?clusterId=" + cluster + "&namespace=" + ns, admin);
        assertThat(listed.json().path("total").asLong()).isEqualTo(1);
        assertThat(listed.json().path("items").get(0).path("id").asLong()).isEqualTo(id);

        // deleting the schedule keeps what it saved
        assertThat(api.delete("/api/k8s/logs/schedules/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/k8s/logs/schedules/" + id, admin).code()).isEqualTo("schedule-not-found");
        assertThat(api.get("/api/k8s/logs/snapshots/" + snapshotId, admin).status())
                .isEqualTo(200);
        assertThat(rows()).isZero();
    }

    @Test
    @DisplayName("jobs of several replicas running at once run a due schedule once: each run claims it first")
    void claimedOnce() throws Exception {
        long id = api.post(
                        create(), spec("workload", "deployments/checkout", "interval", "1h", "tailLines", 100), admin)
                .json()
                .path("id")
                .asLong();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return schedules.runDue();
                }));
            }
            start.countDown();
            for (var run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode ran = awaitRun(id, null);
        assertThat(ran.path("lastSnapshots").asInt()).isEqualTo(2);
        assertThat(snapshotsOf(id).path("total").asLong())
                .as("two containers, saved once")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("the restart trigger keeps a crash-looping container's previous log once per restart")
    void restartTrigger() throws InterruptedException {
        var created = api.post(
                create(), spec("labelSelector", "app=checkout", "trigger", "restart", "interval", "1m"), admin);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        JsonNode first = awaitRun(id, null);
        assertThat(first.path("lastResult").asString()).as(first.toString()).isEqualTo("ok");
        assertThat(first.path("lastSnapshots").asInt()).isEqualTo(1);
        assertThat(first.path("lastMessage").asString())
                .isEqualTo("saved 1 of 2 containers in 2 pods; 1 not restarted since the last run");
        JsonNode saved = snapshotsOf(id).path("items");
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).path("pod").asString()).isEqualTo("checkout-1");
        assertThat(saved.get(0).path("note").asString())
                .isEqualTo("schedule " + id + " (keep checkout): restart 3, Error (exit 1), now CrashLoopBackOff");
        long crashed = saved.get(0).path("id").asLong();
        assertThat(api.get("/api/k8s/logs/snapshots/" + crashed, admin).text()).isEqualTo(CRASHED_RUN);
        var search = api.get("/api/k8s/logs/snapshots/" + crashed + "/search?q=refused&before=1", admin);
        assertThat(search.text().lines().findFirst().orElseThrow())
                .contains("\"number\":2", "\"ts\":\"2026-01-01T00:00:02Z\"", "\"before\":[\"booting checkout 2.3\"]");

        // no new restart: nothing to keep
        var again = api.post("/api/k8s/logs/schedules/" + id + "/run", "", admin);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("lastResult").asString()).isEqualTo("nothing");
        assertThat(again.json().path("lastSnapshots").asInt()).isZero();
        assertThat(snapshotsOf(id).path("total").asLong()).isEqualTo(1);

        // the container crashes again, and so does the one that was healthy: both previous runs are kept
        restarted("checkout-1", 4);
        restarted("checkout-2", 1);
        var third = api.post("/api/k8s/logs/schedules/" + id + "/run", "", admin);
        assertThat(third.json().path("lastResult").asString()).as(third.text()).isEqualTo("ok");
        assertThat(third.json().path("lastSnapshots").asInt()).isEqualTo(2);
        assertThat(snapshotsOf(id).path("total").asLong()).isEqualTo(3);
        assertThat(api.post("/api/k8s/logs/schedules/" + id + "/run", "", admin)
                        .json()
                        .path("lastSnapshots")
                        .asInt())
                .isZero();
    }

    @Test
    @DisplayName("bad input is a problem naming its code and field, and stores nothing")
    void badInput() {
        record Case(Map<String, Object> spec, int status, String code, String field) {}
        List<Case> cases = List.of(
                new Case(spec("workload", "deployments/nope", "interval", "5m"), 404, "kube-not-found", null),
                new Case(spec("workload", "cronjobs/x", "interval", "5m"), 400, "invalid-workload", "workload"),
                new Case(spec("workload", "checkout", "interval", "5m"), 400, "invalid-workload", "workload"),
                new Case(spec("labelSelector", "app in (", "interval", "5m"), 400, "invalid-selector", "labelSelector"),
                new Case(
                        spec("labelSelector", "a=b", "workload", "deployments/checkout", "interval", "5m"),
                        400,
                        "invalid-parameter",
                        "labelSelector"),
                new Case(spec("interval", "5m"), 400, "invalid-parameter", "labelSelector"),
                new Case(spec("labelSelector", "a=b"), 400, "invalid-schedule", "interval"),
                new Case(
                        spec("labelSelector", "a=b", "interval", "5m", "cron", "@hourly"),
                        400,
                        "invalid-schedule",
                        "interval"),
                new Case(spec("labelSelector", "a=b", "interval", "10s"), 400, "invalid-interval", "interval"),
                new Case(spec("labelSelector", "a=b", "interval", "400d"), 400, "invalid-interval", "interval"),
                new Case(spec("labelSelector", "a=b", "interval", "-5m"), 400, "invalid-interval", "interval"),
                new Case(spec("labelSelector", "a=b", "interval", "soon"), 400, "invalid-interval", "interval"),
                new Case(spec("labelSelector", "a=b", "cron", "61 * * * *"), 400, "invalid-cron", "cron"),
                new Case(spec("labelSelector", "a=b", "cron", "0 */5 * * * *"), 400, "invalid-cron", "cron"),
                new Case(spec("labelSelector", "a=b", "cron", "0 0 30 2 *"), 400, "invalid-cron", "cron"),
                new Case(spec("labelSelector", "a=b", "cron", "@every 5m"), 400, "invalid-cron", "cron"),
                new Case(
                        spec("labelSelector", "a=b", "cron", "@daily", "timeZone", "Mars/Olympus"),
                        400,
                        "invalid-time-zone",
                        "timeZone"),
                new Case(
                        spec("labelSelector", "a=b", "interval", "5m", "trigger", "sometimes"),
                        400,
                        "invalid-parameter",
                        "trigger"),
                new Case(
                        spec("labelSelector", "a=b", "interval", "5m", "tailLines", -1),
                        400,
                        "invalid-parameter",
                        "tailLines"),
                new Case(
                        spec("labelSelector", "a=b", "interval", "5m", "limitBytes", 1L << 40),
                        400,
                        "invalid-parameter",
                        "limitBytes"),
                new Case(
                        spec("labelSelector", "a=b", "interval", "5m", "sinceSeconds", 0),
                        400,
                        "invalid-parameter",
                        "sinceSeconds"),
                new Case(
                        spec("labelSelector", "a=b", "interval", "5m", "containers", List.of("Bad_Name")),
                        400,
                        "invalid-name",
                        "containers"),
                new Case(
                        spec(
                                "labelSelector",
                                "a=b",
                                "interval",
                                "5m",
                                "containers",
                                java.util.Collections.nCopies(21, "app")),
                        400,
                        "invalid-parameter",
                        "containers"),
                new Case(spec("name", " ", "labelSelector", "a=b", "interval", "5m"), 400, "invalid-parameter", "name"),
                new Case(
                        spec("name", "n".repeat(129), "labelSelector", "a=b", "interval", "5m"),
                        400,
                        "invalid-parameter",
                        "name"));
        for (Case c : cases) {
            var r = api.post(create(), c.spec(), admin);
            assertThat(r.status()).as(c.spec() + " → " + r.text()).isEqualTo(c.status());
            assertThat(r.code()).as(c.spec().toString()).isEqualTo(c.code());
            assertThat(r.contentType()).startsWith("application/problem+json");
            if (c.field() != null) {
                assertThat(r.json().path("field").asString())
                        .as(c.spec().toString())
                        .isEqualTo(c.field());
            }
        }
        var unknownCluster = api.post(
                "/api/k8s/logs/987654/" + ns + "/schedules", spec("labelSelector", "a=b", "interval", "5m"), admin);
        assertThat(unknownCluster.code()).isEqualTo("cluster-not-found");
        var unknownNamespace = api.post(
                "/api/k8s/logs/" + cluster + "/no-such-ns/schedules",
                spec("labelSelector", "a=b", "interval", "5m"),
                admin);
        assertThat(unknownNamespace.status()).isEqualTo(404);
        assertThat(unknownNamespace.code()).isEqualTo("kube-not-found");
        var badNamespace = api.post(
                "/api/k8s/logs/" + cluster + "/Bad_NS/schedules",
                spec("labelSelector", "a=b", "interval", "5m"),
                admin);
        assertThat(badNamespace.code()).isEqualTo("invalid-namespace");
        var notJson = api.postText(create(), "{not json", "application/json", admin);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(rows()).isZero();

        long id = api.post(create(), spec("labelSelector", "a=b", "cron", "*/10 * * * *"), admin)
                .json()
                .path("id")
                .asLong();
        var badUpdate = api.put("/api/k8s/logs/schedules/" + id, spec("labelSelector", "a=b", "cron", "nope"), admin);
        assertThat(badUpdate.code()).isEqualTo("invalid-cron");
        assertThat(schedule(id).path("cron").asString()).isEqualTo("*/10 * * * *");
        assertThat(api.get("/api/k8s/logs/schedules/987654321", admin).code()).isEqualTo("schedule-not-found");
        assertThat(api.get("/api/k8s/logs/schedules?namespace=Bad_NS", admin).code())
                .isEqualTo("invalid-namespace");
        assertThat(api.get("/api/k8s/logs/schedules?size=501", admin).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("cron schedules run at their next time in their zone; a disabled schedule does not run")
    void cronAndDisabled() {
        var cron = api.post(
                        create(),
                        spec("labelSelector", "app=checkout", "cron", "30 4 * * *", "timeZone", "Europe/Berlin"),
                        admin)
                .json();
        Instant next = Instant.parse(cron.path("nextRunAt").asString());
        var local = next.atZone(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(local.getHour()).isEqualTo(4);
        assertThat(local.getMinute()).isEqualTo(30);
        assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(25)));

        long id = cron.path("id").asLong();
        var disabled = api.put(
                "/api/k8s/logs/schedules/" + id,
                spec("name", "paused", "labelSelector", "app=checkout", "interval", "1m", "enabled", false),
                admin);
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().path("nextRunAt").isNull()).isTrue();
        assertThat(disabled.json().path("name").asString()).isEqualTo("paused");
        assertThat(disabled.json().path("cron").isNull()).isTrue();
        schedules.runDue();
        assertThat(schedule(id).path("lastRunAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("readers see and list, only writers create, change, run and delete; others get 404; calls are audited")
    void access() {
        String viewer = userWith(List.of(grant("VIEWER", cluster, ns)));
        String operator = userWith(List.of(grant("OPERATOR", cluster, ns)));
        String outsider = userWith(List.of(grant("OPERATOR", cluster, "other")));
        Map<String, Object> body = spec("workload", "deployments/checkout", "interval", "5m");

        var denied = api.post(create(), body, viewer);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("forbidden");
        assertThat(api.post(create(), body, outsider).status()).isEqualTo(403);
        assertThat(rows()).isZero();

        var created = api.post(create(), body, operator);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        String path = "/api/k8s/logs/schedules/" + id;

        assertThat(api.get(path, viewer).status()).isEqualTo(200);
        assertThat(api.get("/api/k8s/logs/schedules?clusterId=" + cluster, viewer)
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get(path + "/snapshots", viewer).status()).isEqualTo(200);
        assertThat(api.put(path, body, viewer).status()).isEqualTo(403);
        assertThat(api.post(path + "/run", "", viewer).status()).isEqualTo(403);
        assertThat(api.delete(path, viewer).status()).isEqualTo(403);

        assertThat(api.get(path, outsider).code()).isEqualTo("schedule-not-found");
        assertThat(api.get(path + "/snapshots", outsider).status()).isEqualTo(404);
        assertThat(api.delete(path, outsider).status()).isEqualTo(404);
        assertThat(api.get("/api/k8s/logs/schedules?clusterId=" + cluster, outsider)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(rows()).isEqualTo(1);

        var audit = api.get("/api/audit?clusterId=" + cluster + "&namespace=" + ns + "&action=schedules", admin);
        assertThat(audit.json().path("items").findValuesAsString("action"))
                .contains("POST /api/k8s/logs/{clusterId}/{namespace}/schedules");
        assertThat(audit.json().path("items").findValuesAsString("result")).contains("success", "denied");

        assertThat(api.delete(path, operator).status()).isEqualTo(204);
        assertThat(rows()).isZero();
    }

    @Test
    @DisplayName("a scheduled run uses its owner's grants as they are then: without them it fails and saves nothing")
    void runsAsOwner() throws InterruptedException {
        var user = api.post(
                "/api/users",
                Map.of(
                        "username",
                        unique("owner"),
                        "password",
                        PASSWORD,
                        "grants",
                        List.of(grant("OPERATOR", cluster, ns))),
                admin);
        long userId = user.json().path("id").asLong();
        String owner = api.login(user.json().path("username").asString(), PASSWORD);
        long id = api.post(create(), spec("labelSelector", "app=checkout", "interval", "1m"), owner)
                .json()
                .path("id")
                .asLong();
        assertThat(api.put("/api/users/" + userId + "/grants", List.of(grant("VIEWER", cluster, "other")), admin)
                        .status())
                .isEqualTo(200);
        JsonNode ran = awaitRun(id, null);
        assertThat(ran.path("lastResult").asString()).isEqualTo("failed");
        assertThat(ran.path("lastMessage").asString()).contains("may not read");
        assertThat(snapshotsOf(id).path("total").asLong()).isZero();
    }

    @Test
    @DisplayName("the schedule endpoints are in the OpenAPI document")
    void openApi() {
        var paths = api.get("/v3/api-docs", null).json().path("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/k8s/logs/{clusterId}/{namespace}/schedules",
                        "/api/k8s/logs/schedules",
                        "/api/k8s/logs/schedules/{id}",
                        "/api/k8s/logs/schedules/{id}/run",
                        "/api/k8s/logs/schedules/{id}/snapshots");
        assertThat(paths.path("/api/k8s/logs/{clusterId}/{namespace}/schedules")
                        .path("post")
                        .path("responses")
                        .has("404"))
                .isTrue();
    }
}
