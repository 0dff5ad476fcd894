package dev.cloudops.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.Fixtures;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

@DisplayName("cloudops exec")
class ExecIT {

    private static final String EXEC = "/api/k8s/containers/12/shop/web-1/web/exec";
    private static final String POD = "/api/k8s/resources/12/pods/shop/web-1";

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

    private static String result(Integer exitCode, String stdout, String stderr, boolean truncated, boolean timedOut) {
        return "{\"id\":41,\"exitCode\":" + exitCode + ",\"stdout\":" + Json.write(stdout) + ",\"stderr\":"
                + Json.write(stderr) + ",\"truncated\":" + truncated + ",\"timedOut\":" + timedOut
                + ",\"durationMs\":84,\"futureField\":1}";
    }

    @Test
    @DisplayName("POSTs the argv as is, relays stdout and stderr byte for byte and exits with the command's code")
    void relays() {
        String stdout = "total 40\n-rw-r--r-- 1 root root 1.2K nginx.conf\nünïcödé ✓ no newline at the end";
        String stderr = "ls: cannot access 'x': No such file or directory\n";
        server.json("POST", EXEC, 200, result(42, stdout, stderr, false, false));

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--", "ls", "-la", "a; rm -rf /", "");

        assertThat(run.exitCode()).isEqualTo(42);
        assertThat(run.outBytes()).isEqualTo(stdout.getBytes(StandardCharsets.UTF_8));
        assertThat(run.errBytes()).isEqualTo(stderr.getBytes(StandardCharsets.UTF_8));
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(EXEC);
            assertThat(request.header("Authorization")).isEqualTo("Bearer saved-token");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.json())
                    .isEqualTo(Json.readTree("{\"command\":[\"ls\",\"-la\",\"a; rm -rf /\",\"\"],\"shell\":false}"));
        });
    }

    @Test
    @DisplayName("a cluster name is looked up with ?q= and matched exactly; options may come before the command")
    void clusterByName() {
        server.json(
                "GET",
                "/api/k8s/cluster/list?q=prod&page=0&size=100",
                200,
                Fixtures.page(
                        0,
                        100,
                        2,
                        Fixtures.PROD.replace("prod-eu-west", "prod-2").replace("\"id\":12", "\"id\":7"),
                        Fixtures.PROD.replace("prod-eu-west", "prod")));
        server.json("POST", EXEC, 200, result(0, "ok\n", "", false, false));

        Cli.Result run = cli.run(
                "exec", "--timeout", "5", "prod", "shop", "web-1", "-c", "web", "--shell", "--", "ps aux | grep nginx");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ok\n");
        assertThat(server.requests().get(1).json())
                .isEqualTo(
                        Json.readTree("{\"command\":[\"ps aux | grep nginx\"],\"shell\":true,\"timeoutSeconds\":5}"));
    }

    @Test
    @DisplayName("an unknown cluster name exits 1 before anything runs")
    void unknownCluster() {
        server.json("GET", "/api/k8s/cluster/list", 200, Fixtures.page(0, 100, 0));

        Cli.Result run = cli.run("exec", "ghost", "shop", "web-1", "--", "id");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: cluster \"ghost\" not found (CLUSTER_NOT_FOUND)\n");
        assertThat(server.requests()).extracting(StubServer.Request::method).containsExactly("GET");
    }

    @Test
    @DisplayName("without -c the pod's only container is used")
    void onlyContainer() {
        server.json("GET", POD, 200, "{\"spec\":{\"containers\":[{\"name\":\"web\"}]}}");
        server.json("POST", EXEC, 200, result(0, "", "", false, false));

        Cli.Result run = cli.run("--verbose", "exec", "12", "shop", "web-1", "--", "true");

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests()).extracting(StubServer.Request::path).containsExactly(POD, EXEC);
        assertThat(run.err()).contains("container: web (not given with -c)");
    }

    @Test
    @DisplayName("without -c a pod with several containers is an error that lists them, and nothing runs")
    void severalContainers() {
        server.json("GET", POD, 200, PodsTest.TWO_CONTAINERS);

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "--", "id");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("error: pod shop/web-1 has 2 containers (web, istio-proxy); choose one with -c\n");
        assertThat(server.requests()).extracting(StubServer.Request::method).containsExactly("GET");
    }

    @Test
    @DisplayName("a timed-out command exits 124 and says so on stderr after its own output")
    void timedOut() {
        server.json("POST", EXEC, 200, result(null, "partial", "warn\n", false, true));

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--timeout", "10", "--", "sleep", "60");

        assertThat(run.exitCode()).isEqualTo(124);
        assertThat(run.out()).isEqualTo("partial");
        assertThat(run.err())
                .isEqualTo("warn\nnote: the command timed out after 10s and was stopped (exit code 124)\n");
        assertThat(server.requests().get(0).json().path("timeoutSeconds").asInt())
                .isEqualTo(10);
    }

    @Test
    @DisplayName("truncated output is noted on stderr; a timeout at the server's default is named so")
    void truncated() {
        server.json("POST", EXEC, 200, result(null, "x", "", true, true));

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--", "yes");

        assertThat(run.exitCode()).isEqualTo(124);
        assertThat(run.err())
                .contains("timed out after the server's default time limit")
                .contains("note: output truncated: the server keeps at most cloudops.exec.max-output-bytes");
    }

    @Test
    @DisplayName("no exit code without a timeout, or one outside 0-255, exits 1")
    void oddExitCodes() {
        server.json("POST", EXEC, 200, result(null, "", "", false, false));
        Cli.Result none = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--", "x");
        server.json("POST", EXEC, 200, result(256, "", "", false, false));
        Cli.Result big = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--", "x");

        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).startsWith("warning: the command ended without an exit code");
        assertThat(big.exitCode()).isEqualTo(1);
        assertThat(big.err()).isEmpty();
    }

    @Test
    @DisplayName("-o json prints the whole result, unknown fields included, and still exits with the command's code")
    void json() {
        String body = result(2, "out", "err", false, false);
        server.json("POST", EXEC, 200, body);

        Cli.Result json = cli.run("exec", "12", "shop", "web-1", "-c", "web", "-o", "json", "--", "false");
        Cli.Result yaml = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--output=yaml", "--", "false");

        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(Json.readTree(json.out())).isEqualTo(Json.readTree(body));
        assertThat(json.err()).isEmpty();
        assertThat(yaml.exitCode()).isEqualTo(2);
        assertThat(new YAMLMapper().readTree(yaml.out())).isEqualTo(Json.readTree(body));
    }

    @Test
    @DisplayName("a refusal by the command policy is shown as the server's problem with the 403 hint, exit 1")
    void denied() {
        server.problem(
                "POST",
                EXEC,
                403,
                "command-denied",
                "rm -rf /tmp denied by rule 7 (deny command argv0 'rm' for operator in cluster 12: no deletes)",
                null);

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--", "rm", "-rf", "/tmp");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("error: rm -rf /tmp denied by rule 7 (deny command argv0 'rm' for operator in cluster 12:"
                        + " no deletes) (command-denied)\n"
                        + "hint: your role or grants do not allow this; ask an administrator\n");
    }

    @Test
    @DisplayName("other problems (invalid-timeout with its field, container-not-running) exit 1 with code and detail")
    void problems() {
        server.problem("POST", EXEC, 400, "invalid-timeout", "timeoutSeconds must be 1 to 600", "timeoutSeconds");

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--timeout", "900", "--", "id");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("error: timeoutSeconds must be 1 to 600 (invalid-timeout)\n  field: timeoutSeconds\n");
    }

    @Test
    @DisplayName("@file arguments are sent literally, never replaced by a local file's content")
    void noAtFiles() throws Exception {
        Path secret = Files.writeString(home.resolve("secret.txt"), "local secret\n");
        server.json("POST", EXEC, 200, result(0, "", "", false, false));

        Cli.Result run = cli.run("exec", "12", "shop", "web-1", "-c", "web", "--", "cat", "@" + secret);

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests().get(0).json().path("command").get(1).asString())
                .isEqualTo("@" + secret);
        assertThat(server.requests().get(0).body()).doesNotContain("local secret");
    }

    @Test
    @DisplayName("usage errors exit 2 without a request: no command, no --, --shell with several arguments,"
            + " --timeout 0, -o table")
    void usage() {
        Cli.Result none = cli.run("exec", "12", "shop", "web-1");
        Cli.Result noDashes = cli.run("exec", "12", "shop", "web-1", "ls");
        Cli.Result dashesTooEarly = cli.run("exec", "12", "shop", "--", "web-1", "ls");
        Cli.Result shell = cli.run("exec", "12", "shop", "web-1", "--shell", "--", "ps", "aux");
        Cli.Result timeout = cli.run("exec", "12", "shop", "web-1", "--timeout", "0", "--", "ls");
        Cli.Result table = cli.run("exec", "12", "shop", "web-1", "-o", "table", "--", "ls");
        Cli.Result missing = cli.run("exec", "12", "shop");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing the command: cloudops exec CLUSTER NAMESPACE POD");
        assertThat(noDashes.exitCode()).isEqualTo(2);
        assertThat(noDashes.err())
                .contains("the command must follow --, e.g. cloudops exec CLUSTER NAMESPACE POD -- ls");
        assertThat(dashesTooEarly.exitCode()).isEqualTo(2);
        assertThat(shell.exitCode()).isEqualTo(2);
        assertThat(shell.err()).contains("--shell runs one script");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("--timeout must be at least 1 second but was 0");
        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err()).contains("-o takes json or yaml here");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'POD'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("--help shows the synopsis, the options and the exit codes")
    void help() {
        Cli.Result run = cli.run("exec", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: cloudops exec")
                .contains("CLUSTER NAMESPACE POD -- COMMAND [ARG...]")
                .contains("--timeout=SECONDS")
                .contains("--config=DIR")
                .contains("124 when it timed out");
    }
}
