package dev.cloudops.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.Api;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@DisplayName("Cross-cluster sync on a schedule")
class SyncSchedulesIT extends PlatformIT {

    private static final String BASE = "/api/k8s/cloud/sync/schedules";

    @Autowired
    SyncSchedules schedules;

    @Test
    @DisplayName("a schedule copies its objects as a job with a per-object report, on demand and when due, audited")
    void runs() throws Exception {
        try (MockCluster source = MockCluster.start(0);
                MockCluster target = MockCluster.start(0)) {
            String ns = source.namespace(unique("ns"));
            target.namespace(ns);
            source.create(settings(ns, "blue"));
            long from = register(source, unique("src"));
            long to = register(target, unique("dst"));
            String name = unique("nightly");

            var created = api.post(BASE, schedule(name, from, to, ns, "1h", null), admin);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long id = created.json().path("id").asLong();
            assertThat(created.json().path("interval").asString()).isEqualTo("PT1H");
            assertThat(created.json().path("owner").asString()).isEqualTo("admin");
            // An interval that never ran is due at once.
            assertThat(Instant.parse(created.json().path("nextRunAt").asString()))
                    .isBefore(Instant.now().plusSeconds(5));

            var run = api.post(BASE + "/" + id + "/run", null, admin);
            assertThat(run.status()).as(run.text()).isEqualTo(202);
            JsonNode job = finished(id, run.json().path("id").asLong());
            assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
            var items = api.get(BASE + "/" + id + "/runs/" + job.path("id").asLong() + "/items", admin);
            assertThat(items.json().path("items").get(0).path("outcome").asString())
                    .isEqualTo("CREATED");
            ConfigMap copied = target.client()
                    .configMaps()
                    .inNamespace(ns)
                    .withName("settings")
                    .get();
            assertThat(copied.getData()).containsEntry("color", "blue");

            source.client()
                    .configMaps()
                    .inNamespace(ns)
                    .resource(settings(ns, "green"))
                    .update();
            assertThat(schedules.runDue()).isEqualTo(1);
            var runs = api.get(BASE + "/" + id + "/runs", admin);
            assertThat(runs.json().path("total").asLong()).isEqualTo(2);
            JsonNode scheduled =
                    finished(id, runs.json().path("items").get(0).path("id").asLong());
            assertThat(scheduled.path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(target.client()
                            .configMaps()
                            .inNamespace(ns)
                            .withName("settings")
                            .get()
                            .getData())
                    .containsEntry("color", "green");
            // Claimed: the next run is an interval away, so a second tick starts nothing.
            assertThat(schedules.runDue()).isZero();
            var after = api.get(BASE + "/" + id, admin);
            assertThat(Instant.parse(after.json().path("nextRunAt").asString()))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(59)));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'cloud.sync.schedule'"
                                    + " AND target = :t AND username = 'admin'")
                            .param("t", BASE + "/" + id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            assertThat(api.delete(BASE + "/" + id, admin).status()).isEqualTo(204);
            assertThat(api.get(BASE + "/" + id, admin).code()).isEqualTo("sync-schedule-not-found");
        }
    }

    @Test
    @DisplayName("runs use the owner's grants at run time: a disabled owner's schedule fails and copies nothing")
    void ownerAtRunTime() throws Exception {
        try (MockCluster source = MockCluster.start(0);
                MockCluster target = MockCluster.start(0)) {
            String ns = source.namespace(unique("ns"));
            target.namespace(ns);
            source.create(settings(ns, "blue"));
            long from = register(source, unique("src"));
            long to = register(target, unique("dst"));
            String username = unique("op");
            var user = api.post(
                    "/api/users",
                    Map.of(
                            "username",
                            username,
                            "password",
                            PASSWORD,
                            "grants",
                            List.of(grant("OPERATOR", from, null), grant("OPERATOR", to, null))),
                    admin);
            String operator = api.login(username, PASSWORD);
            var created = api.post(BASE, schedule(unique("s"), from, to, ns, "15m", null), operator);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long id = created.json().path("id").asLong();

            api.put("/api/users/" + user.json().path("id").asLong() + "/disabled", Map.of("disabled", true), admin);
            assertThat(schedules.runDue()).isZero();
            var runs = api.get(BASE + "/" + id + "/runs", admin);
            JsonNode job =
                    finished(id, runs.json().path("items").get(0).path("id").asLong());
            assertThat(job.path("status").asString()).isEqualTo("FAILED");
            assertThat(job.path("code").asString()).isEqualTo("schedule-owner-unavailable");
            assertThat(target.client()
                            .configMaps()
                            .inNamespace(ns)
                            .withName("settings")
                            .get())
                    .isNull();
        }
    }

    @Test
    @DisplayName("bad schedules are refused with a clear problem and nothing is stored")
    void badInput() throws Exception {
        try (MockCluster source = MockCluster.start(0);
                MockCluster target = MockCluster.start(0)) {
            long from = register(source, unique("src"));
            long to = register(target, unique("dst"));
            long before = count("sync_schedules");
            String taken = unique("taken");
            var first = api.post(BASE, schedule(taken, from, to, "shop", null, "@daily"), admin);
            assertThat(first.status()).isEqualTo(201);
            long id = first.json().path("id").asLong();

            assertThat(code(schedule(unique("s"), from, to, "shop", "1h", "@daily"), admin))
                    .isEqualTo("invalid-schedule");
            assertThat(code(schedule(unique("s"), from, to, "shop", null, null), admin))
                    .isEqualTo("invalid-schedule");
            assertThat(code(schedule(unique("s"), from, to, "shop", null, "61 * * * *"), admin))
                    .isEqualTo("invalid-cron");
            assertThat(code(schedule(unique("s"), from, to, "shop", "10s", null), admin))
                    .isEqualTo("invalid-interval");
            Map<String, Object> zone = schedule(unique("s"), from, to, "shop", null, "@daily");
            zone.put("timeZone", "Mars/Olympus");
            assertThat(code(zone, admin)).isEqualTo("invalid-time-zone");
            assertThat(code(schedule(unique("s"), from, from, "shop", "1h", null), admin))
                    .isEqualTo("invalid-field");
            assertThat(code(schedule(" ", from, to, "shop", "1h", null), admin)).isEqualTo("invalid-name");
            Map<String, Object> badNamespace = schedule(unique("s"), from, to, "shop", "1h", null);
            badNamespace.put("targetNamespace", "Not_A_Namespace");
            assertThat(code(badNamespace, admin)).isEqualTo("invalid-namespace");
            assertThat(code(schedule(unique("s"), from, 999_999L, "shop", "1h", null), admin))
                    .isEqualTo("cluster-not-found");
            assertThat(code(schedule(taken, from, to, "shop", "1h", null), admin))
                    .isEqualTo("duplicate-schedule-name");
            // A reader of both clusters may not write on the target.
            String reader = userWith(List.of(grant("VIEWER", from, null), grant("VIEWER", to, null)));
            assertThat(code(schedule(unique("s"), from, to, "shop", "1h", null), reader))
                    .isEqualTo("forbidden");
            assertThat(count("sync_schedules")).isEqualTo(before + 1);

            // Someone without a grant on the source does not see the schedule at all.
            String stranger = userWith(List.of(grant("OPERATOR", to, null)));
            assertThat(api.get(BASE + "/" + id, stranger).code()).isEqualTo("sync-schedule-not-found");
            assertThat(api.get(BASE, stranger).json().path("total").asLong()).isZero();
            assertThat(api.post(BASE + "/" + id + "/run", null, reader).code()).isEqualTo("forbidden");
        }
    }

    private String code(Map<String, Object> body, String token) {
        Api.Response r = api.post(BASE, body, token);
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        return r.code();
    }

    private JsonNode finished(long scheduleId, long jobId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var runs = api.get(BASE + "/" + scheduleId + "/runs?size=500", admin);
            for (JsonNode run : runs.json().path("items")) {
                String status = run.path("status").asString();
                if (run.path("id").asLong() == jobId && !status.equals("QUEUED") && !status.equals("RUNNING")) {
                    return run;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " did not finish");
    }

    private static Map<String, Object> schedule(
            String name, long from, long to, String ns, String interval, String cron) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("sourceClusterId", from);
        body.put("objects", List.of(Map.of("kind", "configmaps", "namespace", ns, "name", "settings")));
        body.put("targetClusterIds", List.of(to));
        body.put("interval", interval);
        body.put("cron", cron);
        return body;
    }

    private static ConfigMap settings(String ns, String color) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace(ns)
                .endMetadata()
                .addToData("color", color)
                .build();
    }
}
