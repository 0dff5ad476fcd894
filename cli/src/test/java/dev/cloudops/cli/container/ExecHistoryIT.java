package dev.cloudops.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.Fixtures;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

@DisplayName("cloudops exec-history")
class ExecHistoryIT {

    private static final String HISTORY = "/api/k8s/containers/12/shop/web-1/web/exec/history";

    /** A command 90 seconds before {@link Cli#NOW}, with a field the CLI does not know. */
    private static final String LS = """
            {"id":41,"kind":"EXEC","clusterId":12,"namespace":"shop","pod":"web-1","container":"web",
             "username":"alice","command":"ls -la /etc/nginx","outcome":"SUCCEEDED","exitCode":0,
             "startedAt":"2026-06-01T11:58:30Z","durationMs":84,"output":"total 40\\n","outputTruncated":false,
             "sessionId":null,"detail":null,"futureField":true}""";

    /** A refusal three hours before {@link Cli#NOW}: no exit code, a long command line. */
    private static final String DENIED = """
            {"id":40,"kind":"EXEC","username":"bob","command":"rm -rf /var/www/html/%s","outcome":"DENIED",
             "exitCode":null,"startedAt":"2026-06-01T09:00:00Z","durationMs":0,"detail":"denied by rule 7"}""".formatted("x".repeat(100));

    /** A terminal session of two and a half minutes. */
    private static final String TERMINAL = """
            {"id":39,"kind":"TERMINAL","username":"carol","command":"bash","outcome":"CLOSED","exitCode":0,
             "startedAt":"2026-05-30T12:00:00Z","durationMs":150000,"sessionId":"5b0c"}""";

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

    @Test
    @DisplayName("GETs one page of the container's history and prints it as a table, long commands cut")
    void table() {
        server.json("GET", HISTORY, 200, Fixtures.page(0, 20, 3, LS, DENIED, TERMINAL));

        Cli.Result run = cli.run("exec-history", "12", "shop", "web-1", "-c", "web");

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo(HISTORY);
            assertThat(request.query()).isEqualTo("page=0&size=20");
            assertThat(request.header("Authorization")).isEqualTo("Bearer saved-token");
        });
        String cut = "rm -rf /var/www/html/" + "x".repeat(80 - 3 - "rm -rf /var/www/html/".length()) + "...";
        assertThat(run.out()).isEqualTo("""
                ID   KIND       USER    OUTCOME     EXIT     STARTED   DURATION   COMMAND
                41   EXEC       alice   SUCCEEDED   0        90s       84ms       ls -la /etc/nginx
                40   EXEC       bob     DENIED      <none>   3h        0ms        %s
                39   TERMINAL   carol   CLOSED      0        2d        2m         bash
                """.formatted(cut));
        assertThat(run.err()).isEmpty();
    }

    @Test
    @DisplayName("-o json and -o yaml print the server's page whole")
    void json() {
        String body = Fixtures.page(0, 20, 1, LS);
        server.json("GET", HISTORY, 200, body);

        Cli.Result json = cli.run("exec-history", "12", "shop", "web-1", "-c", "web", "-o", "json");
        Cli.Result yaml = cli.run("exec-history", "12", "shop", "web-1", "-c", "web", "-o", "yaml");

        assertThat(Json.readTree(json.out())).isEqualTo(Json.readTree(body));
        assertThat(json.out()).contains("futureField");
        assertThat(new YAMLMapper().readTree(yaml.out())).isEqualTo(Json.readTree(body));
    }

    @Test
    @DisplayName("--page and --size are passed on; more pages and empty pages are said on stderr")
    void paging() {
        server.json("GET", HISTORY + "?page=1&size=1", 200, Fixtures.page(1, 1, 3, LS));
        server.json("GET", HISTORY + "?page=0&size=20", 200, Fixtures.page(0, 20, 0));
        server.json("GET", HISTORY + "?page=5&size=20", 200, Fixtures.page(5, 20, 3));

        Cli.Result more = cli.run("exec-history", "12", "shop", "web-1", "-c", "web", "--page", "1", "--size", "1");
        Cli.Result empty = cli.run("exec-history", "12", "shop", "web-1", "-c", "web");
        Cli.Result beyond = cli.run("exec-history", "12", "shop", "web-1", "-c", "web", "--page", "5");

        assertThat(more.err()).isEqualTo("Showing 1 of 3 entries (page 1); use --page 2 for more.\n");
        assertThat(empty.out()).isEmpty();
        assertThat(empty.err()).isEqualTo("No exec history for shop/web-1/web.\n");
        assertThat(beyond.err()).isEqualTo("No entries on page 5.\n");
    }

    @Test
    @DisplayName("without -c the pod's only container is asked for first")
    void defaultContainer() {
        server.json(
                "GET",
                "/api/k8s/resources/12/pods/shop/web-1",
                200,
                "{\"spec\":{\"containers\":[{\"name\":\"web\"}]}}");
        server.json("GET", HISTORY, 200, Fixtures.page(0, 20, 1, LS));

        Cli.Result run = cli.run("exec-history", "12", "shop", "web-1");

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests())
                .extracting(StubServer.Request::path)
                .containsExactly("/api/k8s/resources/12/pods/shop/web-1", HISTORY);
    }

    @Test
    @DisplayName("a forbidden namespace is the server's problem with exit 1; bad paging is a usage error")
    void errors() {
        server.problem("GET", HISTORY, 403, "forbidden", "no read grant on shop", null);

        Cli.Result forbidden = cli.run("exec-history", "12", "shop", "web-1", "-c", "web");

        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.err()).startsWith("error: no read grant on shop (forbidden)\nhint: your role");
        assertThat(cli.run("exec-history", "12", "shop", "web-1", "--page", "-1")
                        .exitCode())
                .isEqualTo(2);
        assertThat(cli.run("exec-history", "12", "shop", "web-1", "--size", "501")
                        .exitCode())
                .isEqualTo(2);
        assertThat(server.requests()).hasSize(1);
    }
}
