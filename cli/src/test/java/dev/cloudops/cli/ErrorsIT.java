package dev.cloudops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.StubServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("errors and exit codes")
class ErrorsIT {

    private static final String LIST = "/api/k8s/cluster/list";

    @TempDir
    Path home;

    /** A loopback URL on which nothing listens: the port was free a moment ago and is closed again. */
    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @Test
    @DisplayName("connection refused exits 3 and names the server URL")
    void connectionRefused() throws IOException {
        URI url = closedPort();
        Cli cli = Cli.withHome(home).loggedIn(url, "t");

        Cli.Result list = cli.run("cluster", "list");
        Cli.Result login = cli.run("login", "--server", url.toString(), "--token", "t");

        assertThat(list.exitCode()).isEqualTo(3);
        assertThat(list.err()).isEqualTo("error: cannot connect to server " + url + ": connection refused\n");
        assertThat(list.out()).isEmpty();
        assertThat(login.exitCode()).isEqualTo(3);
        assertThat(login.err()).startsWith("error: cannot connect to server " + url);
    }

    @Test
    @DisplayName("an unknown host exits 3 and says so")
    void unknownHost() {
        Cli.Result result = Cli.withHome(home)
                .env("CLOUDOPS_SERVER", "http://no-such-host.invalid")
                .run("cluster", "list");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith("error: cannot connect to server http://no-such-host.invalid: ");
    }

    @Test
    @DisplayName("401 prints the problem and suggests cloudops login")
    void unauthorized() {
        try (StubServer server = StubServer.start()) {
            server.problem("GET", LIST, 401, "AUTH_REQUIRED", "authentication required", null);

            Cli.Result result =
                    Cli.withHome(home).loggedIn(server.url(), "expired").run("cluster", "list");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err())
                    .isEqualTo("error: authentication required (AUTH_REQUIRED)\n"
                            + "hint: not logged in or the token expired; run `cloudops login`\n");
        }
    }

    @Test
    @DisplayName("403 explains that a grant is missing")
    void forbidden() {
        try (StubServer server = StubServer.start()) {
            server.problem("DELETE", "/api/k8s/cluster/1", 403, "FORBIDDEN", "operator role required", null);

            Cli.Result result = Cli.withHome(home).loggedIn(server.url(), "t").run("cluster", "delete", "1");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: operator role required (FORBIDDEN)\nhint: your role");
        }
    }

    @Test
    @DisplayName("a problem without detail or code falls back to its title and HTTP_<status>")
    void sparseProblem() {
        try (StubServer server = StubServer.start()) {
            server.respond("GET", LIST, 422, "application/problem+json", "{\"title\":\"Unprocessable\"}");

            Cli.Result result = Cli.withHome(home).loggedIn(server.url(), "t").run("cluster", "list");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("error: Unprocessable (HTTP_422)\n");
        }
    }

    @Test
    @DisplayName("a non-JSON error page (a proxy's HTML) is reported by status, never dumped")
    void htmlError() {
        try (StubServer server = StubServer.start()) {
            server.respond("GET", LIST, 502, "text/html", "<html><body>Bad Gateway</body></html>");
            server.respond("DELETE", "/api/k8s/cluster/1", 500, "application/json", "{broken");

            Cli cli = Cli.withHome(home).loggedIn(server.url(), "t");
            Cli.Result html = cli.run("cluster", "list");
            Cli.Result broken = cli.run("cluster", "delete", "1");

            assertThat(html.exitCode()).isEqualTo(1);
            assertThat(html.err()).isEqualTo("error: server answered HTTP 502 (HTTP_502)\n");
            assertThat(broken.err()).isEqualTo("error: server answered HTTP 500 (HTTP_500)\n");
        }
    }

    @Test
    @DisplayName("a 200 whose body is not JSON exits 1 with a clear message")
    void notJson() {
        try (StubServer server = StubServer.start()) {
            server.respond("GET", LIST, 200, "text/plain", "hello");

            Cli.Result result = Cli.withHome(home).loggedIn(server.url(), "t").run("cluster", "list");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("with a body that is not JSON");
        }
    }

    @Test
    @DisplayName("without a login or CLOUDOPS_SERVER the command exits 1 and tells how to log in")
    void notLoggedIn() {
        Cli.Result result = Cli.withHome(home).run("cluster", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("error: no server configured; run `cloudops login --server URL` or set CLOUDOPS_SERVER\n");
    }

    @Test
    @DisplayName("a broken config file or server URL is reported with its source")
    void brokenConfig() throws IOException {
        Cli cli = Cli.withHome(home);
        Files.createDirectories(cli.configDir());
        Files.writeString(cli.configDir().resolve("config.json"), "[1,2");
        Cli.Result broken = cli.run("cluster", "list");
        Cli.Result badEnv = Cli.withHome(home.resolve("other"))
                .env("CLOUDOPS_SERVER", "localhost:8080")
                .run("cluster", "list");

        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("is not valid JSON; run `cloudops login` to rewrite it");
        assertThat(badEnv.exitCode()).isEqualTo(1);
        assertThat(badEnv.err()).contains("(from CLOUDOPS_SERVER)");
    }

    @Test
    @DisplayName("an unreadable config directory is an error, not a crash")
    void unreadableConfig() throws IOException {
        Cli cli = Cli.withHome(home);
        Files.createDirectories(cli.configDir().resolve("config.json"));

        Cli.Result result = cli.run("cluster", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot read config file ");
    }
}
