package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DisplayName("Log history: saved snapshots over HTTP")
class LogHistoryIT extends PlatformIT {

    private static final String APP_LOG = """
            2026-01-01T00:00:01.000000001Z app started
            2026-01-01T00:00:03Z app ERROR timeout talking to db
            2026-01-01T00:00:05Z app retry ok
            2026-01-01T00:00:07Z app error: Timeout again
            """;

    @Autowired
    private LogRetention retention;

    @Autowired
    private CloudOpsProperties properties;

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("hist"));
        ns = mock.namespace(unique("ns"));
        mock.pod(ns, "p", Map.of(), "app");
        mock.serveLog(ns, "p", "&container=app&timestamps=true", APP_LOG);
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    private String container(String rest) {
        return "/api/k8s/containers/" + cluster + "/" + ns + "/p/app" + rest;
    }

    private long save(String note) {
        var r = api.post(container("/logs/snapshots?timestamps=true&note=" + note), "", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private Path archive() {
        return properties.dataDir().resolve("logs-archive").toAbsolutePath().normalize();
    }

    private Path file(long id) {
        String path = jdbc.sql("SELECT path FROM log_snapshots WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        return archive().resolve(path);
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM log_snapshots WHERE namespace_name = :n")
                .param("n", ns)
                .query(Long.class)
                .single();
    }

    private long archiveFiles() throws IOException {
        if (!Files.exists(archive())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(archive())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private void age(long id, long createdAt) {
        jdbc.sql("UPDATE log_snapshots SET created_at = :t WHERE id = :id")
                .param("t", createdAt)
                .param("id", id)
                .update();
    }

    @Test
    @DisplayName("save → history → download as text and gzip → search → delete removes the row and the file")
    void lifecycle() throws IOException, InterruptedException {
        var saved = api.post(container("/logs/snapshots?timestamps=true&note=before-rollout"), "", admin);
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        long id = saved.json().path("id").asLong();
        assertThat(saved.json().path("reason").asString()).isEqualTo("request");
        assertThat(saved.json().path("createdBy").asString()).isEqualTo("admin");
        assertThat(saved.json().path("note").asString()).isEqualTo("before-rollout");
        assertThat(saved.json().path("bytes").asLong()).isEqualTo(APP_LOG.length());
        assertThat(saved.json().path("lineCount").asLong()).isEqualTo(4);
        assertThat(saved.json().path("compressedBytes").asLong()).isPositive();
        assertThat(saved.json().path("firstTs").asString()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(saved.json().path("lastTs").asString()).isEqualTo("2026-01-01T00:00:07Z");
        assertThat(saved.json().has("path")).isFalse();
        Path file = file(id);
        assertThat(file).exists();
        assertThat(archive().relativize(file).toString().replace('\\', '/'))
                .matches("\\d{4}/\\d{2}/[0-9a-f-]{36}\\.log\\.gz");
        long second = save("later");

        var history = api.get(container("/logs/history?size=1"), admin);
        assertThat(history.status()).as(history.text()).isEqualTo(200);
        assertThat(history.json().path("total").asLong()).isEqualTo(2);
        assertThat(history.json().path("items")).hasSize(1);
        assertThat(history.json().path("items").get(0).path("id").asLong()).isEqualTo(second);
        var page2 = api.get(container("/logs/history?size=1&page=1"), admin);
        assertThat(page2.json().path("items").get(0).path("id").asLong()).isEqualTo(id);

        var text = api.get("/api/k8s/logs/snapshots/" + id, admin);
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain");
        assertThat(text.text()).isEqualTo(APP_LOG);

        HttpResponse<byte[]> gzip = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/k8s/logs/snapshots/" + id + "?format=gzip"))
                                .header("Authorization", "Bearer " + admin)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.body()).isEqualTo(Files.readAllBytes(file));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(APP_LOG);
        }

        var search = api.get("/api/k8s/logs/snapshots/" + id + "/search?q=TIMEOUT&ignoreCase=true&before=1", admin);
        assertThat(search.status()).as(search.text()).isEqualTo(200);
        List<String> lines = search.text().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .contains("\"number\":2")
                .contains("\"ts\":\"2026-01-01T00:00:03Z\"")
                .contains("\"before\":[\"app started\"]");
        assertThat(lines.get(2)).contains("\"matches\":2");
        assertThat(api.get("/api/k8s/logs/snapshots/" + id + "/search?q=%28&regex=true", admin)
                        .code())
                .isEqualTo("invalid-regex");

        assertThat(api.delete("/api/k8s/logs/snapshots/" + id, admin).status()).isEqualTo(204);
        assertThat(file).doesNotExist();
        assertThat(rows()).isEqualTo(1);
        assertThat(api.get("/api/k8s/logs/snapshots/" + id, admin).code()).isEqualTo("snapshot-not-found");
        assertThat(api.delete("/api/k8s/logs/snapshots/" + id, admin).status()).isEqualTo(404);
        assertThat(api.delete("/api/k8s/logs/snapshots/" + second, admin).status())
                .isEqualTo(204);
    }

    @Test
    @DisplayName("retention deletes snapshots older than the retention, then the oldest beyond the size limit")
    void retention() {
        long old = save("old");
        long fresh = save("fresh");
        Path oldFile = file(old);
        age(old, System.currentTimeMillis() - Duration.ofDays(8).toMillis());
        retention.purge();
        assertThat(oldFile).doesNotExist();
        assertThat(rows()).isEqualTo(1);

        long newer = save("newer");
        age(fresh, 1_000);
        age(newer, 2_000);
        long compressed = jdbc.sql("SELECT compressed_bytes FROM log_snapshots WHERE id = :id")
                .param("id", fresh)
                .query(Long.class)
                .single();
        long total = jdbc.sql("SELECT SUM(compressed_bytes) FROM log_snapshots")
                .query(Long.class)
                .single();
        Path freshFile = file(fresh);
        Path newerFile = file(newer);
        assertThat(retention.purgeBeyond(total - compressed)).isEqualTo(1);
        assertThat(freshFile).doesNotExist();
        assertThat(newerFile).exists();
        assertThat(rows()).isEqualTo(1);
        assertThat(retention.purgeOlderThan(3_000)).isEqualTo(1);
        assertThat(newerFile).doesNotExist();
        assertThat(rows()).isZero();
    }

    @Test
    @DisplayName(
            "a viewer without a grant gets 403 for the container and 404 for its snapshots; a reader may not delete")
    void access() {
        long id = save("secret");
        String outsider = userWith(List.of(grant("VIEWER", cluster, "other")));
        assertThat(api.post(container("/logs/snapshots"), "", outsider).status())
                .isEqualTo(403);
        assertThat(api.get(container("/logs/history"), outsider).status()).isEqualTo(403);
        var hidden = api.get("/api/k8s/logs/snapshots/" + id, outsider);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("snapshot-not-found");
        assertThat(api.get("/api/k8s/logs/snapshots/" + id + "/search?q=app", outsider)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/k8s/logs/snapshots/" + id, outsider).status())
                .isEqualTo(404);

        String reader = userWith(List.of(grant("VIEWER", cluster, ns)));
        assertThat(api.get("/api/k8s/logs/snapshots/" + id, reader).text()).isEqualTo(APP_LOG);
        var denied = api.delete("/api/k8s/logs/snapshots/" + id, reader);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(rows()).isEqualTo(1);
        assertThat(api.delete("/api/k8s/logs/snapshots/" + id, admin).status()).isEqualTo(204);
    }

    @Test
    @DisplayName("unknown ids are 404; a failed save (unknown container, pod or bad input) leaves no row and no file")
    void failures() throws IOException {
        var unknown = api.get("/api/k8s/logs/snapshots/987654321", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("snapshot-not-found");

        long files = archiveFiles();
        var container = api.post("/api/k8s/containers/" + cluster + "/" + ns + "/p/nope/logs/snapshots", "", admin);
        assertThat(container.status()).isEqualTo(404);
        assertThat(container.code()).isEqualTo("container-not-found");
        var pod = api.post("/api/k8s/containers/" + cluster + "/" + ns + "/ghost/app/logs/snapshots", "", admin);
        assertThat(pod.status()).isEqualTo(404);
        var tail = api.post(container("/logs/snapshots?tailLines=-1"), "", admin);
        assertThat(tail.code()).isEqualTo("invalid-parameter");
        var note = api.post(container("/logs/snapshots?note=" + "n".repeat(1100)), "", admin);
        assertThat(note.json().path("field").asString()).isEqualTo("note");
        mock.server()
                .expect()
                .get()
                .withPath("/api/v1/namespaces/" + ns + "/pods/p/log?pretty=false&container=app")
                .andReturn(
                        400,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,\"message\":"
                                + "\"container \\\"app\\\" in pod \\\"p\\\" is waiting to start: ContainerCreating\"}")
                .always();
        var notReady = api.post(container("/logs/snapshots"), "", admin);
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(rows()).isZero();
        assertThat(archiveFiles()).isEqualTo(files);
        assertThat(api.get(container("/logs/history"), admin)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    @DisplayName("export with save=true streams the download and keeps what it streamed as a snapshot (reason export)")
    void exportAndSave() throws IOException, InterruptedException {
        HttpResponse<byte[]> gzip = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + container("/logs/export?format=gzip&timestamps=true&save=true&note=inc")))
                                .header("Authorization", "Bearer " + admin)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.statusCode()).isEqualTo(200);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(APP_LOG);
        }
        var history = api.get(container("/logs/history"), admin);
        assertThat(history.json().path("total").asLong()).isEqualTo(1);
        var snapshot = history.json().path("items").get(0);
        assertThat(snapshot.path("reason").asString()).isEqualTo("export");
        assertThat(snapshot.path("note").asString()).isEqualTo("inc");
        assertThat(snapshot.path("lineCount").asLong()).isEqualTo(4);
        long id = snapshot.path("id").asLong();
        assertThat(api.get("/api/k8s/logs/snapshots/" + id, admin).text()).isEqualTo(APP_LOG);

        var jsonl = api.post(container("/logs/export?format=jsonl&save=true"), "", admin);
        assertThat(jsonl.text().lines()).hasSize(4);
        var plain = api.post(container("/logs/export?timestamps=true"), "", admin);
        assertThat(plain.text()).isEqualTo(APP_LOG);
        assertThat(rows()).isEqualTo(2);
        assertThat(api.delete("/api/k8s/logs/snapshots/" + id, admin).status()).isEqualTo(204);
    }
}
