package dev.cloudops.container.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import dev.cloudops.testing.ProcessContainers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Web terminals over WebSocket")
@TestPropertySource(properties = {"cloudops.exec.terminal-idle-timeout=12s", "cloudops.exec.terminals-per-user=3"})
class TerminalIT extends PlatformIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MockCluster mock;
    private long cluster;
    private String ns;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("term"));
        ns = mock.namespace(unique("ns"));
        mock.runningPod(ns, "web", "app");
    }

    @AfterEach
    void tearDown() {
        mock.close();
        jdbc.sql("UPDATE terminal_sessions SET status = 'CLOSED' WHERE status IN ('PENDING', 'OPEN')")
                .update();
    }

    private String container() {
        return "/api/k8s/containers/" + cluster + "/" + ns + "/web/app";
    }

    private JsonNode open(String token, Map<String, Object> body) {
        var r = api.post(container() + "/exec/terminal", body, token);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** A WebSocket client collecting what the terminal sends. */
    private final class Client implements WebSocket.Listener {
        final StringBuffer output = new StringBuffer();
        final CompletableFuture<JsonNode> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        Client connect(String path, String origin) {
            var builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (origin != null) {
                builder.header("Origin", origin);
            }
            socket = builder.buildAsync(URI.create("ws://localhost:" + port + path), this)
                    .join();
            return this;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                if ("stdout".equals(frame.path("op").asString())) {
                    output.append(frame.path("data").asString());
                } else if ("closed".equals(frame.path("op").asString())) {
                    closed.complete(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(JSON.createObjectNode().put("data", reason));
            return null;
        }

        void send(Map<String, Object> frame) {
            socket.sendText(JSON.writeValueAsString(frame), true).join();
        }

        void type(String text) {
            send(Map.of("op", "stdin", "data", text));
        }

        JsonNode awaitClosed() throws Exception {
            return closed.get(60, TimeUnit.SECONDS);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName(
            "a ticket attaches a shell: typed input runs, output streams, resize reaches the container, all recorded")
    void session() throws Exception {
        JsonNode ticket = open(admin, Map.of("cols", 90, "rows", 20));
        assertThat(ticket.path("shells").get(0).asString()).isEqualTo("bash");
        Client client = new Client().connect(ticket.path("websocket").asString(), null);
        client.type("echo hello-$((40+2))\r");
        await(() -> client.output.toString().contains("hello-42"), "the command's output");
        client.send(Map.of("op", "resize", "cols", 120, "rows", 40));
        await(
                () -> mock.containers().lastSize(ns, "web", "app") != null
                        && mock.containers().lastSize(ns, "web", "app")[0] == 120,
                "the resize");
        assertThat(mock.containers().lastSize(ns, "web", "app")).containsExactly(120, 40);
        client.type("exit 7\r");
        JsonNode closed = client.awaitClosed();
        assertThat(closed.path("code").asInt()).isEqualTo(7);
        assertThat(mock.containers().received().get(0).argv()).containsExactly("bash");
        assertThat(mock.containers().received().get(0).tty()).isTrue();

        String id = ticket.path("sessionId").asString();
        await(() -> "CLOSED".equals(sessionStatus(id)), "the session to be closed");
        var listed = api.get("/api/k8s/exec/sessions?status=CLOSED", admin);
        assertThat(listed.text()).contains(id);

        var recording = api.get("/api/k8s/exec/sessions/" + id + "/recording", admin);
        assertThat(recording.status()).isEqualTo(200);
        String[] lines = recording.text().split("\n");
        JsonNode header = JSON.readTree(lines[0]);
        assertThat(header.path("version").asInt()).isEqualTo(2);
        assertThat(header.path("width").asInt()).isEqualTo(90);
        assertThat(header.path("height").asInt()).isEqualTo(20);
        assertThat(recording.text()).contains("hello-42", "\"r\",\"120x40\"", "\"i\",\"exit 7\\r\"");
        assertPlaysInAsciinema(recording.text());

        var audit = api.get("/api/audit?action=terminal.input&size=100", admin);
        assertThat(audit.text()).contains("echo hello-$((40+2))", "exit 7");
        var history = api.get(container() + "/exec/history", admin);
        JsonNode op = history.json().path("items").get(0);
        assertThat(op.path("kind").asString()).isEqualTo("TERMINAL");
        assertThat(op.path("outcome").asString()).isEqualTo("CLOSED");
        assertThat(op.path("exitCode").asInt()).isEqualTo(7);
        assertThat(op.path("sessionId").asString()).isEqualTo(id);
    }

    private String sessionStatus(String id) {
        return jdbc.sql("SELECT status FROM terminal_sessions WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private static void assertPlaysInAsciinema(String cast) throws IOException, InterruptedException {
        Path asciinema = Path.of("/usr/bin/asciinema");
        Assumptions.assumeTrue(
                Files.isExecutable(asciinema),
                "asciinema is not installed (apt-get install asciinema): replay skipped");
        Path file = Files.createTempFile("session", ".cast");
        Files.writeString(file, cast, StandardCharsets.UTF_8);
        // asciinema needs a terminal to play on: script(1) gives it one.
        Process play = new ProcessBuilder("script", "-qec", "asciinema play -i 0.1 -s 50 " + file, "/dev/null")
                .redirectErrorStream(true)
                .start();
        String out = new String(play.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(play.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(play.exitValue()).as(out).isZero();
        assertThat(out).contains("hello-42");
    }

    @Test
    @DisplayName("a ticket works once; forged, reused and expired tickets get 401 with their problem codes")
    void tickets() throws Exception {
        JsonNode ticket = open(admin, Map.of());
        Client client = new Client().connect(ticket.path("websocket").asString(), null);
        assertThat(handshakeProblem(ticket.path("websocket").asString(), null)).containsEntry(401, "ticket-used");
        client.type("exit\r");
        client.awaitClosed();

        assertThat(handshakeProblem(container() + "/exec/ws?ticket=forged-ticket-value", null))
                .containsEntry(401, "ticket-invalid");
        assertThat(handshakeProblem(container() + "/exec/ws", null)).containsEntry(401, "ticket-invalid");

        JsonNode stale = open(admin, Map.of());
        jdbc.sql("UPDATE terminal_sessions SET expires_at = 0 WHERE id = :id")
                .param("id", stale.path("sessionId").asString())
                .update();
        assertThat(handshakeProblem(stale.path("websocket").asString(), null)).containsEntry(401, "ticket-expired");

        JsonNode other = open(admin, Map.of());
        String elsewhere = other.path("websocket").asString().replace("/web/app/", "/web/other/");
        assertThat(handshakeProblem(elsewhere, null)).containsEntry(401, "ticket-invalid");
    }

    @Test
    @DisplayName("a WebSocket from a foreign Origin is refused with 403 before the ticket is spent")
    void origin() throws Exception {
        JsonNode ticket = open(admin, Map.of());
        String path = ticket.path("websocket").asString();
        assertThat(handshakeProblem(path, "https://evil.example")).containsEntry(403, "origin-not-allowed");
        Client client = new Client().connect(path, "http://localhost:" + port);
        client.type("exit\r");
        assertThat(client.awaitClosed().path("data").asString()).isEqualTo("exit");
    }

    private Map<Integer, String> handshakeProblem(String path, String origin) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        var attempt = builder.buildAsync(URI.create("ws://localhost:" + port + path), new WebSocket.Listener() {});
        assertThatThrownBy(attempt::join).isInstanceOf(CompletionException.class);
        try {
            attempt.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                var response = refused.getResponse();
                Object body = response.body();
                String text =
                        body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
                return Map.of(
                        response.statusCode(), JSON.readTree(text).path("code").asString());
            }
            throw e;
        }
        throw new AssertionError("the handshake succeeded");
    }

    @Test
    @DisplayName("in an image without bash the terminal falls back to sh")
    void fallback() throws Exception {
        Assumptions.assumeTrue(
                ProcessContainers.busyboxAvailable(), "busybox is not installed (apt-get install busybox)");
        mock.containers().image(ns, "web", "app", ProcessContainers.Image.BUSYBOX);
        JsonNode ticket = open(admin, Map.of());
        Client client = new Client().connect(ticket.path("websocket").asString(), null);
        client.type("echo fallback-$((1+1))\r");
        await(() -> client.output.toString().contains("fallback-2"), "sh's output");
        client.type("exit\r");
        client.awaitClosed();
        assertThat(mock.containers().received().stream().map(e -> e.argv().get(0)))
                .containsExactly("bash", "sh");
        String id = ticket.path("sessionId").asString();
        await(() -> "CLOSED".equals(sessionStatus(id)), "the session to close");
        assertThat(api.get("/api/k8s/exec/sessions?status=CLOSED", admin).text())
                .contains("\"shell\":\"sh\"");
    }

    @Test
    @DisplayName("terminals need their own permission: an operator who may exec gets 403 terminal-denied")
    void ownPermission() {
        String operator = userWith(List.of(grant("OPERATOR", cluster, ns)));
        var r = api.post(container() + "/exec/terminal", Map.of(), operator);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("terminal-denied");
        var exec = api.post(container() + "/exec", Map.of("command", List.of("true")), operator);
        assertThat(exec.status()).isEqualTo(200);
        assertThat(count("terminal_sessions WHERE username <> 'admin'")).isZero();

        var rule = api.post(
                "/api/k8s/exec/rules",
                Map.of("effect", "ALLOW", "scope", "TERMINAL", "role", "OPERATOR", "clusterId", cluster, "argv0", "sh"),
                admin);
        try {
            var allowed = api.post(container() + "/exec/terminal", Map.of(), operator);
            assertThat(allowed.status()).as(allowed.text()).isEqualTo(201);
            assertThat(allowed.json().path("shells").toString()).isEqualTo("[\"sh\"]");
        } finally {
            api.delete("/api/k8s/exec/rules/" + rule.json().path("id").asLong(), admin);
        }
    }

    @Test
    @DisplayName("per-user limit, bad sizes and shells, and admin kill")
    void limitsAndKill() throws Exception {
        assertThat(api.post(container() + "/exec/terminal", Map.of("cols", 0), admin)
                        .code())
                .isEqualTo("invalid-size");
        assertThat(api.post(container() + "/exec/terminal", Map.of("shell", "bash -c id"), admin)
                        .code())
                .isEqualTo("invalid-shell");

        JsonNode first = open(admin, Map.of());
        open(admin, Map.of());
        open(admin, Map.of());
        var fourth = api.post(container() + "/exec/terminal", Map.of(), admin);
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.code()).isEqualTo("too-many-terminals");

        Client client = new Client().connect(first.path("websocket").asString(), null);
        String id = first.path("sessionId").asString();
        await(() -> "OPEN".equals(sessionStatus(id)), "the session to open");
        assertThat(api.get("/api/k8s/exec/sessions?status=OPEN", admin).text()).contains(id);
        var killed = api.delete("/api/k8s/exec/sessions/" + id, admin);
        assertThat(killed.status()).isEqualTo(204);
        assertThat(client.awaitClosed().path("data").asString()).isEqualTo("killed by admin");
        await(() -> "CLOSED".equals(sessionStatus(id)), "the session to close");
        assertThat(api.delete("/api/k8s/exec/sessions/" + id, admin).code()).isEqualTo("session-not-open");
        assertThat(api.delete("/api/k8s/exec/sessions/no-such-session", admin).code())
                .isEqualTo("session-not-found");
    }

    @Test
    @DisplayName("an idle terminal is closed after the idle timeout")
    void idle() throws Exception {
        JsonNode ticket = open(admin, Map.of());
        long start = System.nanoTime();
        Client client = new Client().connect(ticket.path("websocket").asString(), null);
        JsonNode closed = client.awaitClosed();
        assertThat(closed.path("data").asString()).isEqualTo("idle timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(11));
    }
}
