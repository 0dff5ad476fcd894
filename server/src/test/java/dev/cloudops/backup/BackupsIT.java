package dev.cloudops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.Api;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Backups over HTTP: back up, verify, restore, diff")
class BackupsIT extends PlatformIT {

    private static final String PASSPHRASE = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private BackupDefinitions definitions;

    private MockCluster source;
    private MockCluster target;
    private long sourceId;
    private long targetId;
    private String ns;

    @BeforeEach
    void setUp() {
        source = MockCluster.start(1);
        target = MockCluster.start(1);
        sourceId = register(source, unique("src"));
        targetId = register(target, unique("dst"));
        ns = source.namespace(unique("shop"));
        source.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace(ns)
                .endMetadata()
                .addToData("mode", "fast")
                .build());
        source.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withName("kube-root-ca.crt")
                .withNamespace(ns)
                .endMetadata()
                .addToData("ca.crt", "cluster-a-ca")
                .build());
        source.create(new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("password", "hunter2-hunter2")
                .build());
        source.create(new ServiceBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withClusterIP("10.0.0.17")
                .addToSelector("app", "web")
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build());
        source.create(new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
        source.create(new PodBuilder()
                .withNewMetadata()
                .withName("web-abc12")
                .withNamespace(ns)
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName("web-6d4cf56db6")
                .withUid("uid-1")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .build());
        source.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(Serialization.unmarshal("""
                        apiVersion: apiextensions.k8s.io/v1
                        kind: CustomResourceDefinition
                        metadata: {name: widgets.example.com}
                        spec:
                          group: example.com
                          scope: Namespaced
                          names: {kind: Widget, plural: widgets, singular: widget}
                          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
                        """, CustomResourceDefinition.class))
                .create();
        GenericKubernetesResource widget = new GenericKubernetesResource();
        widget.setApiVersion("example.com/v1");
        widget.setKind("Widget");
        widget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName("blue")
                .withNamespace(ns)
                .build());
        widget.setAdditionalProperty("spec", Map.of("color", "blue"));
        source.client()
                .genericKubernetesResources("example.com/v1", "Widget")
                .inNamespace(ns)
                .resource(widget)
                .create();
    }

    @AfterEach
    void tearDown() {
        source.close();
        target.close();
    }

    private Map<String, Object> definition(String name, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("clusterId", sourceId);
        body.put("scope", Map.of("namespaces", List.of(ns)));
        body.putAll(extra);
        return body;
    }

    private long createDefinition(Map<String, Object> extra) {
        var r = api.post("/api/k8s/backups/definitions", definition(unique("def"), extra), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private JsonNode waitFor(long jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var r = api.get("/api/k8s/backups/jobs/" + jobId, admin);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            String status = r.json().path("status").asString();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return r.json();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " did not finish: " + r.text());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Runs a definition and answers the id of the backup it made. */
    private long backup(long definitionId) {
        var run = api.post("/api/k8s/backups/definitions/" + definitionId + "/run", Map.of(), admin);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        JsonNode job = waitFor(run.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job.path("subjectId").asLong();
    }

    private List<String> outcomes(long jobId, String token) {
        var r = api.get("/api/k8s/backups/jobs/" + jobId + "/items?size=1000", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().path("items").findValuesAsString("outcome");
    }

    private Api.Response withPassphrase(String method, String path, Object body, String passphrase) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60));
            if (passphrase != null) {
                b.header("X-Backup-Passphrase", passphrase);
            }
            String json = body == null ? "" : JSON.writeValueAsString(body);
            b.method(
                    method,
                    method.equals("GET")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(
                    r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(""),
                    r.body(),
                    r.body().isEmpty() ? null : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a backup restored into an empty cluster recreates its objects, CRD and custom resource included")
    void restoreIntoEmptyCluster() {
        long backupId = backup(createDefinition(Map.of()));
        var listed = api.get("/api/k8s/backups/" + backupId + "/objects?size=100", admin);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        List<String> names = listed.json().path("items").findValuesAsString("name");
        assertThat(names)
                .contains(ns, "settings", "db", "web", "blue", "widgets.example.com")
                .doesNotContain("web-abc12", "kube-root-ca.crt");
        List<String> kinds = listed.json().path("items").findValuesAsString("kind");
        assertThat(kinds.indexOf("CustomResourceDefinition")).isLessThan(kinds.indexOf("Namespace"));
        assertThat(kinds.indexOf("Secret")).isLessThan(kinds.indexOf("Deployment"));
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("Widget");
        var backup = api.get("/api/k8s/backups/" + backupId, admin).json();
        assertThat(backup.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(backup.path("archiveSha256").asString()).hasSize(64);
        assertThat(backup.has("storageKey")).isFalse();

        var check = api.post("/api/k8s/backups/" + backupId + "/verify?targetClusterId=" + targetId, Map.of(), admin);
        JsonNode checkedEmpty = waitFor(check.json().path("id").asLong());
        assertThat(checkedEmpty.path("status").asString())
                .as(checkedEmpty.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(outcomes(checkedEmpty.path("id").asLong(), admin)).containsOnly("create");
        assertThat(target.client().namespaces().withName(ns).get()).isNull();

        var preview = api.post(
                "/api/k8s/backups/" + backupId + "/restore",
                Map.of("targetClusterId", targetId, "dryRun", true),
                admin);
        assertThat(preview.status()).as(preview.text()).isEqualTo(202);
        JsonNode previewJob = waitFor(preview.json().path("id").asLong());
        assertThat(previewJob.path("status").asString())
                .as(previewJob.toString())
                .isEqualTo("SUCCEEDED");
        assertThat(outcomes(previewJob.path("id").asLong(), admin))
                .hasSize(names.size())
                .containsOnly("create");
        assertThat(target.client().namespaces().withName(ns).get()).isNull();

        var restore = api.post("/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), admin);
        assertThat(restore.status()).as(restore.text()).isEqualTo(202);
        JsonNode job = waitFor(restore.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(outcomes(job.path("id").asLong(), admin)).containsOnly("created");
        assertThat(target.client().namespaces().withName(ns).get()).isNotNull();
        assertThat(target.client()
                        .configMaps()
                        .inNamespace(ns)
                        .withName("settings")
                        .get()
                        .getData())
                .containsEntry("mode", "fast");
        assertThat(target.client().secrets().inNamespace(ns).withName("db").get())
                .isNotNull();
        assertThat(target.client()
                        .apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("web")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(2);
        assertThat(target.client()
                        .services()
                        .inNamespace(ns)
                        .withName("web")
                        .get()
                        .getSpec()
                        .getClusterIP())
                .isNotEqualTo("10.0.0.17");
        assertThat(target.client().pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(target.client()
                        .genericKubernetesResources("example.com/v1", "Widget")
                        .inNamespace(ns)
                        .withName("blue")
                        .get())
                .isNotNull();

        var again = api.post("/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), admin);
        JsonNode skipped = waitFor(again.json().path("id").asLong());
        assertThat(outcomes(skipped.path("id").asLong(), admin)).containsOnly("skipped");

        var verify = api.post("/api/k8s/backups/" + backupId + "/verify?targetClusterId=" + targetId, Map.of(), admin);
        assertThat(verify.status()).as(verify.text()).isEqualTo(202);
        JsonNode checked = waitFor(verify.json().path("id").asLong());
        assertThat(checked.path("status").asString()).as(checked.toString()).isEqualTo("SUCCEEDED");
        assertThat(outcomes(checked.path("id").asLong(), admin)).containsOnly("unchanged");
    }

    @Test
    @DisplayName("namespace mapping restores into a new namespace; UPDATE brings changed objects back, filters apply")
    void mappingPolicyAndFilters() {
        long backupId = backup(createDefinition(Map.of()));
        String copy = unique("copy");
        Map<String, Object> body = new HashMap<>();
        body.put("namespaceMapping", Map.of(ns, copy));
        body.put("include", List.of(Map.of("kind", "configmaps")));
        var r = api.post("/api/k8s/backups/" + backupId + "/restore", body, admin);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        JsonNode job = waitFor(r.json().path("id").asLong());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(source.client()
                        .configMaps()
                        .inNamespace(copy)
                        .withName("settings")
                        .get())
                .isNotNull();
        assertThat(source.client().secrets().inNamespace(copy).list().getItems())
                .isEmpty();

        source.client().configMaps().inNamespace(ns).withName("settings").edit(c -> {
            c.setData(Map.of("mode", "slow"));
            return c;
        });
        var update = api.post(
                "/api/k8s/backups/" + backupId + "/restore",
                Map.of("existing", "UPDATE", "include", List.of(Map.of("kind", "cm", "name", "set*"))),
                admin);
        JsonNode updated = waitFor(update.json().path("id").asLong());
        assertThat(outcomes(updated.path("id").asLong(), admin)).contains("updated");
        assertThat(source.client()
                        .configMaps()
                        .inNamespace(ns)
                        .withName("settings")
                        .get()
                        .getData())
                .containsEntry("mode", "fast");
    }

    @Test
    @DisplayName("a wrong or missing passphrase is refused before any job starts and nothing is applied")
    void passphrase() {
        var weak = withPassphrase(
                "POST",
                "/api/k8s/backups/definitions",
                definition(unique("p"), Map.of("encryption", "PASSPHRASE")),
                "short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("weak-passphrase");
        var created = withPassphrase(
                "POST",
                "/api/k8s/backups/definitions",
                definition(unique("p"), Map.of("encryption", "PASSPHRASE")),
                PASSPHRASE);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long backupId = backup(created.json().path("id").asLong());
        long restoreJobs = jdbc.sql("SELECT COUNT(*) FROM job_runs WHERE kind = 'restore'")
                .query(Long.class)
                .single();

        var missing = api.post("/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), admin);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("passphrase-required");
        var wrong = withPassphrase(
                "POST",
                "/api/k8s/backups/" + backupId + "/restore",
                Map.of("targetClusterId", targetId),
                "not the passphrase at all");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.code()).isEqualTo("wrong-passphrase");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_runs WHERE kind = 'restore'")
                        .query(Long.class)
                        .single())
                .isEqualTo(restoreJobs);
        assertThat(target.client().namespaces().withName(ns).get()).isNull();
        assertThat(target.client().configMaps().inAnyNamespace().list().getItems())
                .isEmpty();

        var right = withPassphrase(
                "POST", "/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), PASSPHRASE);
        assertThat(right.status()).as(right.text()).isEqualTo(202);
        assertThat(waitFor(right.json().path("id").asLong()).path("status").asString())
                .isEqualTo("SUCCEEDED");
        assertThat(target.client()
                        .configMaps()
                        .inNamespace(ns)
                        .withName("settings")
                        .get())
                .isNotNull();
        var objects = withPassphrase("GET", "/api/k8s/backups/" + backupId + "/objects", null, PASSPHRASE);
        assertThat(objects.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a tampered archive is refused (hash mismatch reported) and nothing is applied; verify fails")
    void tamperedArchive() throws IOException {
        long backupId = backup(createDefinition(Map.of()));
        String key = jdbc.sql("SELECT storage_key FROM backups WHERE id = :id")
                .param("id", backupId)
                .query(String.class)
                .single();
        Path archive = Path.of("target/it-data/backups", key, "archive.cobk");
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0x01);
        }
        var r = api.post("/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), admin);
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("archive-tampered");
        assertThat(r.json().path("detail").asString()).contains("SHA-256");
        assertThat(target.client().namespaces().withName(ns).get()).isNull();

        var verify = api.post("/api/k8s/backups/" + backupId + "/verify", Map.of(), admin);
        assertThat(verify.status()).isEqualTo(202);
        JsonNode job = waitFor(verify.json().path("id").asLong());
        assertThat(job.path("status").asString()).isEqualTo("FAILED");
        assertThat(job.path("code").asString()).isEqualTo("archive-tampered");
    }

    @Test
    @DisplayName("a cron expression that does not parse is refused and no definition is stored")
    void badCron() {
        long before = count("backup_definitions");
        var r = api.post("/api/k8s/backups/definitions", definition(unique("c"), Map.of("cron", "61 * * * *")), admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid-cron");
        assertThat(r.json().path("field").asString()).isEqualTo("cron");
        var fields =
                api.post("/api/k8s/backups/definitions", definition(unique("c"), Map.of("cron", "0 0 * * * *")), admin);
        assertThat(fields.code()).isEqualTo("invalid-cron");
        var zone = api.post(
                "/api/k8s/backups/definitions",
                definition(unique("c"), Map.of("cron", "@daily", "timeZone", "Mars/Olympus")),
                admin);
        assertThat(zone.code()).isEqualTo("invalid-time-zone");
        assertThat(count("backup_definitions")).isEqualTo(before);
    }

    @Test
    @DisplayName("restore into a cluster the user has no write rights on is 403 and nothing is applied")
    void restoreWithoutRights() {
        long backupId = backup(createDefinition(Map.of()));
        String operatorOnSource = userWith(List.of(grant("OPERATOR", sourceId, null), grant("VIEWER", targetId, null)));
        var r = api.post(
                "/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), operatorOnSource);
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        String noGrant = userWith(List.of(grant("OPERATOR", sourceId, null)));
        var hidden =
                api.post("/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), noGrant);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("cluster-not-found");
        String namespaceOperator = userWith(List.of(grant("VIEWER", sourceId, null), grant("OPERATOR", targetId, ns)));
        var partial = api.post(
                "/api/k8s/backups/" + backupId + "/restore", Map.of("targetClusterId", targetId), namespaceOperator);
        assertThat(partial.status()).isEqualTo(403);
        assertThat(target.client().namespaces().withName(ns).get()).isNull();
        String stranger = userWith(List.of(grant("OPERATOR", targetId, null)));
        assertThat(api.get("/api/k8s/backups/" + backupId, stranger).code()).isEqualTo("backup-not-found");
        assertThat(api.post("/api/k8s/backups/definitions", definition(unique("x"), Map.of()), namespaceOperator)
                        .status())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("schedules run when due, retention keeps the newest; diffs between backups and with the live cluster")
    void schedulesRetentionAndDiffs() {
        long definitionId = createDefinition(Map.of("cron", "*/5 * * * *", "keepCount", 2));
        var created =
                api.get("/api/k8s/backups/definitions/" + definitionId, admin).json();
        assertThat(created.path("nextRunAt").isNull()).isFalse();
        long first = backup(definitionId);
        source.client().configMaps().inNamespace(ns).withName("settings").edit(c -> {
            c.setData(Map.of("mode", "safe"));
            return c;
        });
        source.client().secrets().inNamespace(ns).withName("db").edit(s -> {
            s.setData(Map.of("password", "bmV3LXBhc3N3b3Jk"));
            return s;
        });
        var live = api.get("/api/k8s/backups/" + first + "/diff/live", admin);
        assertThat(live.status()).as(live.text()).isEqualTo(200);
        assertThat(live.json().path("summary").path("changed").asInt()).isEqualTo(2);
        String text = live.text();
        assertThat(text)
                .contains("-  mode: fast")
                .contains("+  mode: safe")
                .contains("sha256:")
                .doesNotContain("bmV3LXBhc3N3b3Jk");

        jdbc.sql("UPDATE backup_definitions SET next_run_at = 1 WHERE id = :id")
                .param("id", definitionId)
                .update();
        assertThat(definitions.runDue()).isEqualTo(1);
        long second = jdbc.sql("SELECT MAX(id) FROM backups WHERE definition_id = :d")
                .param("d", definitionId)
                .query(Long.class)
                .single();
        long secondJob = jdbc.sql("SELECT job_id FROM backups WHERE id = :id")
                .param("id", second)
                .query(Long.class)
                .single();
        assertThat(waitFor(secondJob).path("status").asString()).isEqualTo("SUCCEEDED");
        var diff = api.get("/api/k8s/backups/" + first + "/diff/" + second + "?kind=configmaps", admin);
        assertThat(diff.status()).as(diff.text()).isEqualTo(200);
        assertThat(diff.json().path("items").findValuesAsString("status")).containsExactly("changed");
        var changed = api.put("/api/k8s/backups/definitions/" + definitionId, Map.of("keepCount", 1), admin);
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().path("cron").asString()).isEqualTo("*/5 * * * *");
        definitions.tick();
        assertThat(api.get("/api/k8s/backups?definitionId=" + definitionId, admin)
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/k8s/backups/" + first, admin).code()).isEqualTo("backup-not-found");
        var deleteRefused = api.delete("/api/k8s/backups/definitions/" + definitionId, admin);
        assertThat(deleteRefused.code()).isEqualTo("definition-has-backups");
        assertThat(api.delete("/api/k8s/backups/definitions/" + definitionId + "?withBackups=true", admin)
                        .status())
                .isEqualTo(204);
        assertThat(count("backups")).isGreaterThanOrEqualTo(0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM backups WHERE definition_id = :d")
                        .param("d", definitionId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @DisplayName(
            "definitions: bad fields are refused with their code and field, nothing stored; list, get, change, delete")
    void definitionLifecycle() {
        long before = count("backup_definitions");
        Map<String, String> codes = new java.util.LinkedHashMap<>();
        codes.put("invalid-name", JSON.writeValueAsString(definition("", Map.of())));
        codes.put(
                "invalid-rule",
                JSON.writeValueAsString(definition(
                        unique("r"), Map.of("scope", Map.of("exclude", List.of(Map.of()))))));
        codes.put(
                "invalid-namespace",
                JSON.writeValueAsString(
                        definition(unique("r"), Map.of("scope", Map.of("namespaces", List.of("Not_OK"))))));
        codes.put(
                "invalid-selector",
                JSON.writeValueAsString(definition(unique("r"), Map.of("scope", Map.of("labelSelector", "a in (")))));
        codes.put("invalid-retention", JSON.writeValueAsString(definition(unique("r"), Map.of("keepFor", "1s"))));
        codes.put(
                "passphrase-required",
                JSON.writeValueAsString(definition(unique("r"), Map.of("encryption", "PASSPHRASE"))));
        codes.forEach((code, body) -> {
            var r = api.post("/api/k8s/backups/definitions", body, admin);
            assertThat(r.status()).as(code + " " + r.text()).isEqualTo(400);
            assertThat(r.code()).isEqualTo(code);
        });
        assertThat(count("backup_definitions")).isEqualTo(before);

        String name = unique("life");
        var created = api.post("/api/k8s/backups/definitions", definition(name, Map.of()), admin);
        long id = created.json().path("id").asLong();
        assertThat(created.json().has("publicKey")).isFalse();
        assertThat(api.post("/api/k8s/backups/definitions", definition(name, Map.of()), admin)
                        .code())
                .isEqualTo("duplicate-definition-name");
        assertThat(api.put("/api/k8s/backups/definitions/" + id, Map.of("encryption", "PASSPHRASE"), admin)
                        .code())
                .isEqualTo("invalid-field");
        var paused = api.put("/api/k8s/backups/definitions/" + id, Map.of("cron", "@hourly", "enabled", false), admin);
        assertThat(paused.json().path("nextRunAt").isNull()).isTrue();
        assertThat(api.get("/api/k8s/backups/definitions?clusterId=" + sourceId, admin)
                        .json()
                        .path("total")
                        .asInt())
                .isGreaterThanOrEqualTo(1);
        String viewer = userWith(List.of(grant("VIEWER", sourceId, null)));
        assertThat(api.get("/api/k8s/backups/definitions/" + id, viewer).status())
                .isEqualTo(200);
        assertThat(api.post("/api/k8s/backups/definitions/" + id + "/run", Map.of(), viewer)
                        .code())
                .isEqualTo("forbidden");
        long backupId = backup(id);
        assertThat(api.get("/api/k8s/backups?clusterId=" + sourceId, viewer)
                        .json()
                        .path("total")
                        .asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/k8s/backups/" + backupId + "/objects?kind=secrets", viewer)
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/k8s/backups/" + backupId + "/jobs?kind=backup", viewer)
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.delete("/api/k8s/backups/" + backupId, viewer).code()).isEqualTo("forbidden");
        var verify = api.post("/api/k8s/backups/" + backupId + "/verify", Map.of(), admin);
        JsonNode verified = waitFor(verify.json().path("id").asLong());
        assertThat(verified.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(verified.path("result").path("verified").asBoolean()).isTrue();
        assertThat(api.delete("/api/k8s/backups/" + backupId, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/k8s/backups/" + backupId, admin).code()).isEqualTo("backup-not-found");
        assertThat(api.get("/api/k8s/backups/jobs/" + verify.json().path("id").asLong(), admin)
                        .code())
                .isEqualTo("job-not-found");
        assertThat(api.delete("/api/k8s/backups/definitions/" + id, admin).status())
                .isEqualTo(204);
        assertThat(api.get("/api/k8s/backups/definitions/" + id, admin).code())
                .isEqualTo("backup-definition-not-found");

        String docs = api.get("/v3/api-docs", null).text();
        for (String path : List.of(
                "/api/k8s/backups/definitions",
                "/api/k8s/backups/definitions/{id}/run",
                "/api/k8s/backups/{id}/restore",
                "/api/k8s/backups/{id}/verify",
                "/api/k8s/backups/{id}/diff/{againstId}",
                "/api/k8s/backups/{id}/diff/live",
                "/api/k8s/backups/jobs/{jobId}/items")) {
            assertThat(docs).contains("\"" + path + "\"");
        }
        assertThat(docs).contains("wrong-passphrase", "archive-tampered", "invalid-cron");
    }

    @Test
    @DisplayName("passphrase backups: objects and diffs need the passphrase; the audit trail never holds it")
    void passphraseDiffsAndAudit() {
        var created = withPassphrase(
                "POST",
                "/api/k8s/backups/definitions",
                definition(unique("pd"), Map.of("encryption", "PASSPHRASE")),
                PASSPHRASE);
        long definitionId = created.json().path("id").asLong();
        long first = backup(definitionId);
        long second = backup(definitionId);
        assertThat(api.get("/api/k8s/backups/" + first + "/diff/" + second, admin)
                        .code())
                .isEqualTo("passphrase-required");
        var diff = withPassphrase("GET", "/api/k8s/backups/" + first + "/diff/" + second, null, PASSPHRASE);
        assertThat(diff.status()).as(diff.text()).isEqualTo(200);
        assertThat(diff.json().path("summary").path("unchanged").asInt()).isGreaterThan(5);
        assertThat(diff.json().path("total").asInt()).isZero();
        var wrong = withPassphrase("GET", "/api/k8s/backups/" + first + "/objects", null, "wrong wrong wrong");
        assertThat(wrong.code()).isEqualTo("wrong-passphrase");
        var live = withPassphrase(
                "GET", "/api/k8s/backups/" + first + "/diff/live?clusterId=" + targetId, null, PASSPHRASE);
        assertThat(live.json().path("summary").path("removed").asInt()).isGreaterThan(5);
        assertThat(live.json().path("items").findValuesAsString("status")).containsOnly("removed");
        var audit = api.get("/api/audit?size=500", admin);
        assertThat(audit.text()).doesNotContain(PASSPHRASE);
    }
}
