package dev.cloudops.cli.container;

import static dev.cloudops.cli.container.LogsIT.POD;
import static dev.cloudops.cli.container.LogsIT.STREAM;
import static dev.cloudops.cli.container.LogsIT.TERMINATED;
import static dev.cloudops.cli.container.LogsIT.event;
import static dev.cloudops.cli.container.LogsIT.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.CliContext;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.Stdio;
import dev.cloudops.cli.testsupport.StubServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follow loop with short timings, for what takes too long with the defaults. */
@DisplayName("LogFollower")
class LogFollowerIT {

    private static final ContainerTarget TARGET = new ContainerTarget(12, "shop", "web-1", "web");
    private static final LogQuery ALL = new LogQuery(null, null, null, false, false, null);

    @TempDir
    Path home;

    private StubServer server;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() {
        server = StubServer.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private int follow(OutputStream out, LogFollower.Settings settings) {
        CliContext context = new CliContext(
                Map.of(),
                new Stdio(new ByteArrayInputStream(new byte[0]), out, OutputStream.nullOutputStream()),
                prompt -> Optional.empty(),
                Clock.systemUTC(),
                home);
        Session session = new Session(context, null, false, new PrintWriter(new StringWriter()), new PrintWriter(err));
        ApiClient client = new ApiClient(server.url(), "t", null, "test");
        return new LogFollower(client, session, TARGET, ALL, settings).follow();
    }

    @Test
    @DisplayName("a connection silent for longer than the idle limit is dropped and resumed")
    void silentConnection() {
        server.handle("GET", STREAM, (exchange, call) -> {
            if (call == 1) {
                start(exchange, "text/event-stream", "retry:10\n\n", event("t#1", "before"));
                Thread.sleep(10_000);
                return;
            }
            start(exchange, "text/event-stream", event("t#2", "after"));
        });
        server.json("GET", POD, 200, TERMINATED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = follow(
                out, new LogFollower.Settings(Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofSeconds(1), 3));

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("before\nafter\n");
        assertThat(err.toString())
                .isEqualTo("warning: the log stream broke off (no data for 300ms); reconnecting in 10ms\n");
        assertThat(server.requests().get(1).header("Last-Event-ID")).isEqualTo("t#1");
    }

    @Test
    @DisplayName("reconnecting gives up after too many failures in a row, backing off up to the maximum delay")
    void givesUp() {
        server.handle("GET", STREAM, (exchange, call) -> {
            if (call > 1) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            start(exchange, "text/event-stream", "retry:10\n\n", event("t#1", "a"));
            throw LogsIT.dropped();
        });

        assertThatThrownBy(() -> follow(
                        new ByteArrayOutputStream(),
                        new LogFollower.Settings(
                                Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(25), 3)))
                .isInstanceOf(CliException.class)
                .hasMessage("gave up following the log of shop/web-1/web after 4 failed attempts in a row: server"
                        + " answered HTTP 503 (HTTP_503)");
        assertThat(err.toString())
                .contains("reconnecting in 10ms\n")
                .contains("reconnecting in 20ms\n")
                .contains("reconnecting in 25ms\n");
        assertThat(server.requests()).hasSize(5);
    }

    @Test
    @DisplayName("an unreachable server while reconnecting counts as a failure, not the end")
    void unreachableWhileReconnecting() {
        server.handle("GET", STREAM, (exchange, call) -> {
            start(exchange, "text/event-stream", "retry:10\n\n", event("t#1", "a"));
            Thread.sleep(500);
            server.close();
            throw new IOException("server stopped by the test");
        });

        assertThatThrownBy(() -> follow(
                        new ByteArrayOutputStream(),
                        new LogFollower.Settings(
                                Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(20), 1)))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("after 2 failed attempts in a row: cannot connect to server");
    }

    @Test
    @DisplayName("a closed standard output (the reader of a pipe has gone) ends the follow quietly")
    void closedOutput() {
        server.handle("GET", STREAM, (exchange, call) -> start(exchange, "text/event-stream", event("t#1", "a")));
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        assertThat(follow(closed, LogFollower.Settings.DEFAULTS)).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    @DisplayName("a pod status that cannot be read right now is taken as running and followed again")
    void statusUnavailable() {
        server.handle(
                "GET",
                STREAM,
                (exchange, call) ->
                        start(exchange, "text/event-stream", "retry:10\n\n", event("t#" + call, "line " + call)));
        server.handle("GET", POD, (exchange, call) -> {
            if (call == 1) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] pod = TERMINATED.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, pod.length);
            exchange.getResponseBody().write(pod);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(follow(out, LogFollower.Settings.DEFAULTS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\n");
    }

    @Test
    @DisplayName("durations in notes read as seconds or milliseconds")
    void human() {
        assertThat(LogFollower.human(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(LogFollower.human(Duration.ofMillis(2500))).isEqualTo("2500ms");
    }
}
