package dev.cloudops.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.StubServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cloudops logs")
class LogsIT {

    static final String LOGS = "/api/k8s/containers/12/shop/web-1/web/logs";
    static final String STREAM = LOGS + "/stream";
    static final String POD = "/api/k8s/resources/12/pods/shop/web-1";
    static final String RUNNING =
            "{\"spec\":{\"containers\":[{\"name\":\"web\"}]},\"status\":{\"containerStatuses\":[{\"name\":\"web\","
                    + "\"state\":{\"running\":{\"startedAt\":\"2026-06-01T11:00:00Z\"}}}]}}";
    static final String TERMINATED = RUNNING.replace("\"running\":{\"startedAt\"", "\"terminated\":{\"finishedAt\"");

    @TempDir
    Path home;

    private StubServer server;
    private Cli cli;

    @BeforeEach
    void setUp() {
        server = StubServer.start();
        cli = Cli.withHome(home).loggedIn(server.url(), "saved-token");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** Starts an answer of {@code type} whose length is not known in advance and writes {@code parts}. */
    static OutputStream start(HttpExchange exchange, String type, String... parts) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        for (String part : parts) {
            body.write(part.getBytes(StandardCharsets.UTF_8));
            body.flush();
        }
        return body;
    }

    /**
     * Drops the connection without ending the body. The pause first lets the client read what was sent: the JDK's
     * client discards data it has not handed out yet once it sees the connection fail.
     */
    static IOException dropped() throws InterruptedException {
        Thread.sleep(500);
        return new IOException("connection dropped by the test");
    }

    /** One log line as the platform's server sends it. */
    static String event(String id, String data) {
        return "id:" + id + "\ndata:" + data + "\n\n";
    }

    @Test
    @DisplayName("GETs …/logs with the common parameters and copies the body to stdout byte for byte")
    void read() {
        byte[] first = {'o', 'n', 'e', '\n', (byte) 0xff, (byte) 0xfe};
        byte[] second = "two ✓\nno newline".getBytes(StandardCharsets.UTF_8);
        server.handle("GET", LOGS, (exchange, call) -> {
            OutputStream body = start(exchange, "text/plain");
            body.write(first);
            body.flush();
            Thread.sleep(50);
            body.write(second);
        });

        Cli.Result run = cli.run(
                "logs",
                "12",
                "shop",
                "web-1",
                "-c",
                "web",
                "--tail",
                "100",
                "--since",
                "1h30m",
                "--timestamps",
                "-p",
                "--limit-bytes",
                "1000");

        assertThat(run.exitCode()).isZero();
        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertThat(run.outBytes()).isEqualTo(expected);
        assertThat(run.err()).isEmpty();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo(LOGS);
            assertThat(request.query())
                    .isEqualTo("tailLines=100&sinceSeconds=5400&timestamps=true&previous=true&limitBytes=1000");
            assertThat(request.header("Accept")).isEqualTo("text/plain, application/problem+json");
            assertThat(request.header("Authorization")).isEqualTo("Bearer saved-token");
        });
    }

    @Test
    @DisplayName("without options nothing is asked but the log; --tail -1 means all; --since-time is encoded")
    void defaults() {
        server.respond("GET", LOGS, 200, "text/plain", "line\n");

        Cli.Result plain = cli.run("logs", "12", "shop", "web-1", "-c", "web", "--tail", "-1");
        Cli.Result since =
                cli.run("logs", "12", "shop", "web-1", "-c", "web", "--since-time", "2026-01-02T15:04:05+02:00");

        assertThat(plain.out()).isEqualTo("line\n");
        assertThat(server.requests().get(0).query()).isNull();
        assertThat(since.exitCode()).isZero();
        assertThat(server.requests().get(1).query()).isEqualTo("sinceTime=2026-01-02T15%3A04%3A05%2B02%3A00");
    }

    @Test
    @DisplayName("without -c the pod's only container is read")
    void defaultContainer() {
        server.json("GET", POD, 200, RUNNING);
        server.respond("GET", LOGS, 200, "text/plain", "hello\n");

        Cli.Result run = cli.run("logs", "12", "shop", "web-1");

        assertThat(run.out()).isEqualTo("hello\n");
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly(POD, LOGS);
    }

    @Test
    @DisplayName("a problem (container-not-ready, 409) is shown with its code and exit 1")
    void problem() {
        server.problem("GET", LOGS, 409, "container-not-ready", "container web is waiting to start", null);

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: container web is waiting to start (container-not-ready)\n");
    }

    @Test
    @DisplayName("a log that breaks off keeps what arrived and exits 1 saying so")
    void brokenOff() {
        server.handle("GET", LOGS, (exchange, call) -> {
            start(exchange, "text/plain", "first part\n");
            throw dropped();
        });

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("first part\n");
        assertThat(run.err()).startsWith("error: the log broke off: ");
    }

    @Test
    @DisplayName("usage errors exit 2 without a request")
    void usage() {
        Cli.Result badSince = cli.run("logs", "12", "shop", "web-1", "--since", "10");
        Cli.Result zeroSince = cli.run("logs", "12", "shop", "web-1", "--since", "0s");
        Cli.Result both =
                cli.run("logs", "12", "shop", "web-1", "--since", "1m", "--since-time", "2026-01-01T00:00:00Z");
        Cli.Result tail = cli.run("logs", "12", "shop", "web-1", "--tail", "-2");
        Cli.Result limit = cli.run("logs", "12", "shop", "web-1", "--limit-bytes", "0");

        assertThat(badSince.exitCode()).isEqualTo(2);
        assertThat(badSince.err()).contains("--since: invalid duration '10'");
        assertThat(zeroSince.err()).contains("--since must be at least 1s");
        assertThat(both.err()).contains("--since and --since-time cannot be used together");
        assertThat(tail.err()).contains("--tail must be -1 (all) or more but was -2");
        assertThat(limit.err()).contains("--limit-bytes must be at least 1 but was 0");
        assertThat(zeroSince.exitCode() + both.exitCode() + tail.exitCode() + limit.exitCode())
                .isEqualTo(8);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("-f prints each event's data as a line, exactly, and ends when the container has stopped")
    void follow() {
        server.handle(
                "GET",
                STREAM,
                (exchange, call) -> start(
                        exchange,
                        "text/event-stream",
                        "retry:2000\n\n",
                        event("2026-06-01T11:59:58.000000001Z#1", "GET /healthz 200"),
                        ": keep-alive\n\n",
                        event("2026-06-01T11:59:58.000000001Z#2", "  File \"app.py\", line 3, in <module>"),
                        event("2026-06-01T11:59:59Z#1", "")));
        server.json("GET", POD, 200, TERMINATED);

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f", "--tail", "10");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("GET /healthz 200\n  File \"app.py\", line 3, in <module>\n\n");
        assertThat(run.err()).isEmpty();
        assertThat(server.requests())
                .extracting(request -> request.path() + "?" + request.query())
                .containsExactly(STREAM + "?tailLines=10", POD + "?null");
        assertThat(server.requests().get(0).header("Accept")).isEqualTo("text/event-stream, application/problem+json");
        assertThat(server.requests().get(0).header("Last-Event-ID")).isNull();
    }

    @Test
    @DisplayName("-f --timestamps puts each line's timestamp (its event id without the ordinal) in front")
    void followTimestamps() {
        server.handle(
                "GET",
                STREAM,
                (exchange, call) ->
                        start(exchange, "text/event-stream", event("2026-06-01T11:59:58.123456789Z#2", "hello")));
        server.json("GET", POD, 200, TERMINATED);

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f", "--timestamps");

        assertThat(run.out()).isEqualTo("2026-06-01T11:59:58.123456789Z hello\n");
        assertThat(server.requests().get(0).query()).isEqualTo("timestamps=true");
    }

    @Test
    @DisplayName("a broken stream is resumed with Last-Event-ID after the server's retry delay; nothing is repeated")
    void resumesAfterBreak() {
        server.handle("GET", STREAM, (exchange, call) -> {
            if (call == 1) {
                start(exchange, "text/event-stream", "retry:10\n\n", event("t1#1", "one"), event("t1#2", "two"));
                throw dropped();
            }
            start(exchange, "text/event-stream", "retry:10\n\n", event("t2#1", "three"));
        });
        server.json("GET", POD, 200, TERMINATED);

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("one\ntwo\nthree\n");
        assertThat(run.err()).startsWith("warning: the log stream broke off (").endsWith("); reconnecting in 10ms\n");
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly(STREAM, STREAM, POD);
        assertThat(server.requests().get(1).header("Last-Event-ID")).isEqualTo("t1#2");
    }

    @Test
    @DisplayName("a stream that ends while the container still runs (the server's time limit) is followed again")
    void followsAgainWhileRunning() {
        server.handle("GET", STREAM, (exchange, call) -> {
            start(exchange, "text/event-stream", "retry:10\n\n", event("t" + call + "#1", "line " + call));
        });
        server.handle("GET", POD, (exchange, call) -> {
            byte[] pod = (call == 1 ? RUNNING : TERMINATED).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, pod.length);
            exchange.getResponseBody().write(pod);
        });

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("line 1\nline 2\n");
        assertThat(run.err()).isEmpty();
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly(STREAM, POD, STREAM, POD);
        assertThat(server.requests().get(2).header("Last-Event-ID")).isEqualTo("t1#1");
    }

    @Test
    @DisplayName("-f --previous ends with the stream: an earlier run's log never grows")
    void followPrevious() {
        server.handle("GET", STREAM, (exchange, call) -> start(exchange, "text/event-stream", event("t#1", "old")));

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f", "--previous");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("old\n");
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly(STREAM);
    }

    @Test
    @DisplayName("a pod gone while reconnecting ends the follow with a note and exit 0")
    void podGoneOnReconnect() {
        server.handle("GET", STREAM, (exchange, call) -> {
            if (call > 1) {
                byte[] problem = "{\"status\":404,\"code\":\"kube-not-found\",\"detail\":\"pod web-1 not found\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, problem.length);
                exchange.getResponseBody().write(problem);
                return;
            }
            start(exchange, "text/event-stream", "retry:10\n\n", event("t#1", "bye"));
            throw dropped();
        });

        Cli.Result run = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("bye\n");
        assertThat(run.err()).endsWith("note: the log ended: pod web-1 not found (kube-not-found)\n");
    }

    @Test
    @DisplayName("a refusal at the first connection (too-many-streams) or an expired token later is an error, exit 1")
    void refusals() {
        server.problem("GET", STREAM, 429, "too-many-streams", "At most 5 live log streams per user", null);
        Cli.Result first = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f");

        server.handle("GET", STREAM, (exchange, call) -> {
            if (call > 1) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            start(exchange, "text/event-stream", "retry:10\n\n", event("t#1", "a"));
            throw dropped();
        });
        Cli.Result later = cli.run("logs", "12", "shop", "web-1", "-c", "web", "-f");

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.err()).isEqualTo("error: At most 5 live log streams per user (too-many-streams)\n");
        assertThat(later.exitCode()).isEqualTo(1);
        assertThat(later.out()).isEqualTo("a\n");
        assertThat(later.err()).contains("error: server answered HTTP 401 (HTTP_401)\nhint: not logged in");
    }
}
