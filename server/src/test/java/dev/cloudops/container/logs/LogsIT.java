package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Container logs over HTTP")
class LogsIT extends PlatformIT {

    private static final String APP_LOG = """
            2026-01-01T00:00:01.000000001Z app started
            2026-01-01T00:00:03Z app ERROR timeout talking to db
            2026-01-01T00:00:05Z app retry ok
            2026-01-01T00:00:07Z app error: Timeout again
            """;
    private static final String SIDE_LOG = """
            2026-01-01T00:00:02Z side ready
            2026-01-01T00:00:04Z side flushed
            """;

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("logs"));
        ns = mock.namespace(unique("ns"));
        mock.pod(ns, "p", Map.of("app", "web"), "app", "side");
    }

    @AfterEach
    void tearDown() {
        mock.close();
    }

    private void expectLog(String pod, String query, String body) {
        mock.serveLog(ns, pod, query, body);
    }

    private String logs(String rest) {
        return "/api/k8s/containers/" + cluster + "/" + ns + "/p" + rest;
    }

    /** The path of the mock's last request, to say which expectation a failing test missed. */
    private String lastRequest() {
        try {
            var last = mock.server().getLastRequest();
            return last == null ? "none" : last.getPath();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Test
    @DisplayName("a container's log streams as text with tailLines, sinceTime and timestamps passed to the API server")
    void query() {
        expectLog("p", "&container=app&sinceTime=2026-01-01T00:00:02Z&tailLines=2&timestamps=true", APP_LOG);
        var r = api.get(logs("/app/logs?tailLines=2&sinceTime=2026-01-01T00:00:02Z&timestamps=true"), admin);
        assertThat(r.status()).as(r.text() + " / " + lastRequest()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.text()).isEqualTo(APP_LOG);

        expectLog("p", "&container=side&sinceSeconds=60", "ready\nflushed\n");
        var since = api.get(logs("/side/logs?sinceSeconds=60"), admin);
        assertThat(since.status()).as(since.text() + " / " + lastRequest()).isEqualTo(200);
        assertThat(since.text()).isEqualTo("ready\nflushed\n");
    }

    @Test
    @DisplayName("allContainers merges the pod's containers by timestamp and tags each line, as text and JSON Lines")
    void mergeOrder() {
        expectLog("p", "&container=app&timestamps=true", APP_LOG);
        expectLog("p", "&container=side&timestamps=true", SIDE_LOG);
        var text = api.get(logs("/logs?allContainers=true"), admin);
        assertThat(text.status()).as(text.text() + " / " + lastRequest()).isEqualTo(200);
        assertThat(text.text().lines().toList())
                .containsExactly(
                        "[p/app] app started",
                        "[p/side] side ready",
                        "[p/app] app ERROR timeout talking to db",
                        "[p/side] side flushed",
                        "[p/app] app retry ok",
                        "[p/app] app error: Timeout again");

        var jsonl = api.get("/api/k8s/logs/" + cluster + "/" + ns + "?labelSelector=app%3Dweb&format=jsonl", admin);
        assertThat(jsonl.status()).as(jsonl.text()).isEqualTo(200);
        var first = jsonl.text().lines().findFirst().orElseThrow();
        assertThat(first)
                .isEqualTo("{\"pod\":\"p\",\"container\":\"app\",\"ts\":\"2026-01-01T00:00:01.000000001Z\","
                        + "\"line\":\"app started\"}");
        assertThat(jsonl.text().lines()).hasSize(6);

        var single = api.get(logs("/logs"), admin);
        assertThat(single.status()).isEqualTo(400);
        assertThat(single.code()).isEqualTo("container-required");
    }

    @Test
    @DisplayName("workload=deployments/web merges the pods its selector selects; an unknown workload is 404")
    void workload() {
        mock.create(new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .endSpec()
                .build());
        expectLog("p", "&container=side&timestamps=true", SIDE_LOG);
        var r = api.get("/api/k8s/logs/" + cluster + "/" + ns + "?workload=deployments/web&container=side", admin);
        assertThat(r.status()).as(r.text() + " / " + lastRequest()).isEqualTo(200);
        assertThat(r.text().lines().toList()).containsExactly("[p/side] side ready", "[p/side] side flushed");

        var missing = api.get("/api/k8s/logs/" + cluster + "/" + ns + "?workload=deployments/nope", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("kube-not-found");
        var both = api.get("/api/k8s/logs/" + cluster + "/" + ns, admin);
        assertThat(both.status()).isEqualTo(400);
        var badSelector = api.get("/api/k8s/logs/" + cluster + "/" + ns + "?labelSelector=a%3D%3D%3Db", admin);
        assertThat(badSelector.code()).isEqualTo("invalid-selector");
    }

    @Test
    @DisplayName("search finds literal, regex and case-insensitive matches with context, stops at maxMatches")
    void search() {
        expectLog("p", "&container=app&timestamps=true", APP_LOG);
        var literal = api.get(logs("/app/logs/search?q=timeout&before=1&after=1"), admin);
        assertThat(literal.status()).as(literal.text() + " / " + lastRequest()).isEqualTo(200);
        List<String> lines = literal.text().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .contains("\"number\":2")
                .contains("\"line\":\"app ERROR timeout talking to db\"")
                .contains("\"before\":[\"app started\"]")
                .contains("\"after\":[\"app retry ok\"]");
        assertThat(lines.get(1)).contains("\"type\":\"summary\"").contains("\"matches\":1");

        var ignoreCase = api.get(logs("/app/logs/search?q=TIMEOUT&ignoreCase=true"), admin);
        assertThat(ignoreCase.text()).contains("\"matches\":2");

        var regex = api.get(logs("/app/logs/search?q=err(or)?%3A%3F%20%5BTt%5D&regex=true"), admin);
        assertThat(regex.text()).contains("\"number\":4").contains("\"matches\":1");

        var capped = api.get(logs("/app/logs/search?q=app&maxMatches=2"), admin);
        assertThat(capped.text().lines()).hasSize(3);
        assertThat(capped.text()).contains("\"truncated\":true").contains("\"reason\":\"max-matches\"");
    }

    @Test
    @DisplayName("bad input is a problem: invalid regex, absurd tailLines, unknown container and pod, bad sinceTime")
    void errors() {
        var regex = api.get(logs("/app/logs/search?q=%28unclosed&regex=true"), admin);
        assertThat(regex.status()).isEqualTo(400);
        assertThat(regex.code()).isEqualTo("invalid-regex");

        var tail = api.get(logs("/app/logs?tailLines=99999999"), admin);
        assertThat(tail.status()).isEqualTo(400);
        assertThat(tail.code()).isEqualTo("invalid-parameter");
        assertThat(tail.json().path("field").asString()).isEqualTo("tailLines");

        var negative = api.get(logs("/app/logs?limitBytes=-1"), admin);
        assertThat(negative.json().path("field").asString()).isEqualTo("limitBytes");

        var time = api.get(logs("/app/logs?sinceTime=yesterday"), admin);
        assertThat(time.status()).isEqualTo(400);
        assertThat(time.json().path("field").asString()).isEqualTo("sinceTime");

        var container = api.get(logs("/nope/logs"), admin);
        assertThat(container.status()).isEqualTo(404);
        assertThat(container.code()).isEqualTo("container-not-found");

        var pod = api.get("/api/k8s/containers/" + cluster + "/" + ns + "/ghost/app/logs", admin);
        assertThat(pod.status()).isEqualTo(404);
        assertThat(pod.code()).isEqualTo("kube-not-found");

        var clusterMissing = api.get("/api/k8s/containers/999999/" + ns + "/p/app/logs", admin);
        assertThat(clusterMissing.status()).isEqualTo(404);
        assertThat(clusterMissing.code()).isEqualTo("cluster-not-found");
    }

    @Test
    @DisplayName("a container the API server refuses to read is 409 container-not-ready")
    void notReady() {
        mock.server()
                .expect()
                .get()
                .withPath("/api/v1/namespaces/" + ns + "/pods/p/log?pretty=false&container=app")
                .andReturn(
                        400,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,\"message\":"
                                + "\"container \\\"app\\\" in pod \\\"p\\\" is waiting to start: ContainerCreating\"}")
                .always();
        var r = api.get(logs("/app/logs"), admin);
        assertThat(r.status()).as(r.text() + " / " + lastRequest()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("container-not-ready");
        assertThat(r.json().path("detail").asString()).contains("waiting to start");
    }

    @Test
    @DisplayName("SSE follow: ids are timestamp#ordinal; resuming with Last-Event-ID skips seen lines and loses none")
    void streamResume() throws Exception {
        expectLog(
                "p",
                "&container=app&timestamps=true&follow=true",
                "2026-01-01T00:00:01Z a\n2026-01-01T00:00:02Z b\n2026-01-01T00:00:02Z c\n");
        var first = api.get(logs("/app/logs/stream"), admin, "text/event-stream");
        assertThat(first.status()).as(first.text() + " / " + lastRequest()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/event-stream");
        assertThat(ids(first.text()))
                .containsExactly("2026-01-01T00:00:01Z#1", "2026-01-01T00:00:02Z#1", "2026-01-01T00:00:02Z#2");
        assertThat(data(first.text())).containsExactly("a", "b", "c");

        expectLog(
                "p",
                "&container=app&sinceTime=2026-01-01T00:00:02Z&timestamps=true&follow=true",
                "2026-01-01T00:00:02Z b\n2026-01-01T00:00:02Z c\n2026-01-01T00:00:03Z d\n");
        HttpResponse<String> resumed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + logs("/app/logs/stream")))
                                .header("Authorization", "Bearer " + admin)
                                .header("Last-Event-ID", "2026-01-01T00:00:02Z#1")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode())
                .as(resumed.body() + " / " + lastRequest())
                .isEqualTo(200);
        assertThat(data(resumed.body())).containsExactly("c", "d");
        assertThat(ids(resumed.body())).containsExactly("2026-01-01T00:00:02Z#2", "2026-01-01T00:00:03Z#1");
    }

    @Test
    @DisplayName("export streams a gzip download that decompresses to the log, and JSON Lines with pod and container")
    void export() throws IOException, InterruptedException {
        expectLog("p", "&container=app", "started\nretry ok\n");
        HttpResponse<byte[]> gzip = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + logs("/app/logs/export?format=gzip")))
                                .header("Authorization", "Bearer " + admin)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment")
                .contains(".log.gz");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("started\nretry ok\n");
        }

        expectLog("p", "&container=app&timestamps=true", APP_LOG);
        var jsonl = api.post(logs("/app/logs/export?format=jsonl"), "", admin);
        assertThat(jsonl.status()).isEqualTo(200);
        assertThat(jsonl.text().lines().toList())
                .hasSize(4)
                .first()
                .asString()
                .contains("\"pod\":\"p\",\"container\":\"app\",\"ts\":\"2026-01-01T00:00:01.000000001Z\"");
    }

    @Test
    @DisplayName("a viewer without a grant on the namespace gets 403 and no log is read")
    void forbidden() {
        String viewer = userWith(List.of(grant("VIEWER", cluster, "other")));
        var r = api.get(logs("/app/logs"), viewer);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(api.get(logs("/app/logs/stream"), viewer, "text/event-stream")
                        .status())
                .isEqualTo(403);
    }

    private static List<String> ids(String sse) {
        return sse.lines()
                .filter(l -> l.startsWith("id:"))
                .map(l -> l.substring(3).trim())
                .toList();
    }

    private static List<String> data(String sse) {
        return sse.lines()
                .filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim())
                .toList();
    }
}
