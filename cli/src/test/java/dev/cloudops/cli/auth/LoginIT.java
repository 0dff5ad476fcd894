package dev.cloudops.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.cloudops.cli.core.CliConfig;
import dev.cloudops.cli.core.ConfigStore;
import dev.cloudops.cli.testsupport.Cli;
import dev.cloudops.cli.testsupport.StubServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

@DisplayName("cloudops login")
class LoginIT {

    private static final String LOGIN = "/api/auth/login";
    private static final String ME = "/api/auth/me";
    private static final String TOKEN_ANSWER = "{\"token\":\"tok-123\",\"expiresAt\":\"2026-06-02T12:00:00Z\"}";

    @TempDir
    Path home;

    private StubServer server;
    private Cli cli;

    @BeforeEach
    void setUp() {
        server = StubServer.start();
        cli = Cli.withHome(home);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliConfig saved(Path dir) {
        return new ConfigStore(dir).load().orElseThrow();
    }

    @Test
    @DisplayName(
            "POSTs username and password as JSON, saves server and token in ~/.cloudops/config.json, prints neither secret")
    void passwordLogin() {
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);

        Cli.Result result =
                cli.run("login", "--server", server.url() + "/", "--username", "alice", "--password", "s3cret!");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo(LOGIN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.header("Authorization")).isNull();
            assertThat(request.json())
                    .isEqualTo(JsonNodeFactory.instance
                            .objectNode()
                            .put("username", "alice")
                            .put("password", "s3cret!"));
        });
        assertThat(saved(cli.configDir()))
                .isEqualTo(new CliConfig(server.url().toString(), "tok-123", "alice", "2026-06-02T12:00:00Z"));
        assertThat(result.out())
                .isEqualTo("Logged in to " + server.url() + " as alice (token expires 2026-06-02T12:00:00Z).\n");
        assertThat(result.err()).contains("warning: --password is visible");
        assertThat(result.out() + result.err()).doesNotContain("s3cret!").doesNotContain("tok-123");
    }

    @Test
    @DisplayName("the config file is written 0600 in a 0700 directory, also when it existed with wider permissions")
    void configFilePermissions() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);
        Path dir = cli.configDir();
        Path file = dir.resolve("config.json");

        assertThat(cli.stdin("pw\n")
                        .run("login", "--server", server.url().toString(), "-u", "alice", "--password-stdin")
                        .exitCode())
                .isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli.stdin("pw\n")
                        .run("login", "--server", server.url().toString(), "-u", "alice", "--password-stdin")
                        .exitCode())
                .isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    @DisplayName("--password-stdin reads the password from stdin without its line ending")
    void passwordFromStdin() {
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);

        Cli.Result result = cli.stdin("pa ss\r\n")
                .run("login", "--server", server.url().toString(), "--username", "bob", "--password-stdin");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).json().path("password").asString()).isEqualTo("pa ss");
        assertThat(result.err()).isEmpty();
    }

    @Test
    @DisplayName("without a password option the terminal prompt is used")
    void prompt() {
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);
        AtomicReference<String> shown = new AtomicReference<>();

        Cli.Result result = cli.prompt(text -> {
                    shown.set(text);
                    return Optional.of("typed".toCharArray());
                })
                .run("login", "--server", server.url().toString(), "--username", "carol");

        assertThat(result.exitCode()).isZero();
        assertThat(shown.get()).isEqualTo("Password for carol: ");
        assertThat(server.requests().get(0).json().path("password").asString()).isEqualTo("typed");
    }

    @Test
    @DisplayName("without a terminal and without a password option it is a usage error and nothing is sent")
    void noTerminal() {
        Cli.Result result = cli.run("login", "--server", server.url().toString(), "--username", "carol");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no terminal to prompt for the password; use --password-stdin");
        assertThat(server.requests()).isEmpty();
        assertThat(cli.configDir().resolve("config.json")).doesNotExist();
    }

    @Test
    @DisplayName("--token is checked with GET /api/auth/me and saved with the user it belongs to")
    void apiToken() {
        server.json("GET", ME, 200, "{\"username\":\"ci-bot\",\"roles\":[\"operator\"]}");

        Cli.Result result = cli.run("login", "--server", server.url().toString(), "--token", "api-tok");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo(ME);
            assertThat(request.header("Authorization")).isEqualTo("Bearer api-tok");
        });
        assertThat(saved(cli.configDir())).isEqualTo(new CliConfig(server.url().toString(), "api-tok", "ci-bot", null));
        assertThat(result.out()).isEqualTo("Logged in to " + server.url() + " as ci-bot.\n");
    }

    @Test
    @DisplayName("a rejected token exits 1 without a login hint and saves nothing")
    void rejectedToken() {
        server.problem("GET", ME, 401, "AUTH_TOKEN_INVALID", "token is invalid or expired", null);

        Cli.Result result = cli.run("login", "--server", server.url().toString(), "--token", "bad");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: token is invalid or expired (AUTH_TOKEN_INVALID)\n");
        assertThat(cli.configDir().resolve("config.json")).doesNotExist();
    }

    @Test
    @DisplayName("wrong credentials exit 1 and leave an existing config untouched")
    void wrongPassword() throws Exception {
        cli.loggedIn(server.url(), "old-token");
        String before = Files.readString(cli.configDir().resolve("config.json"), StandardCharsets.UTF_8);
        server.problem("POST", LOGIN, 401, "AUTH_BAD_CREDENTIALS", "bad username or password", null);

        Cli.Result result = cli.run("login", "--username", "alice", "--password", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("error: bad username or password (AUTH_BAD_CREDENTIALS)\n");
        assertThat(result.err()).doesNotContain("hint:");
        assertThat(Files.readString(cli.configDir().resolve("config.json"), StandardCharsets.UTF_8))
                .isEqualTo(before);
    }

    @Test
    @DisplayName("a 200 without a token is an error and saves nothing")
    void answerWithoutToken() {
        server.json("POST", LOGIN, 200, "{\"expiresAt\":\"2026-06-02T12:00:00Z\"}");

        Cli.Result result =
                cli.stdin("pw").run("login", "--server", server.url().toString(), "-u", "a", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: the server accepted the login but sent no token\n");
        assertThat(cli.configDir().resolve("config.json")).doesNotExist();
    }

    @Test
    @DisplayName("--config and CLOUDOPS_CONFIG_DIR choose the config directory, the option first")
    void configDirectory() {
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);
        Path fromEnv = home.resolve("env-dir");
        Path fromOption = home.resolve("option-dir");
        cli.env("CLOUDOPS_CONFIG_DIR", fromEnv.toString());

        cli.stdin("pw").run("login", "--server", server.url().toString(), "-u", "a", "--password-stdin");
        cli.stdin("pw")
                .run(
                        "--config",
                        fromOption.toString(),
                        "login",
                        "--server",
                        server.url().toString(),
                        "-u",
                        "b",
                        "--password-stdin");

        assertThat(saved(fromEnv).username()).isEqualTo("a");
        assertThat(saved(fromOption).username()).isEqualTo("b");
        assertThat(cli.configDir()).doesNotExist();
    }

    @Test
    @DisplayName("the server falls back to CLOUDOPS_SERVER")
    void serverFromEnvironment() {
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);

        Cli.Result result = cli.env("CLOUDOPS_SERVER", server.url().toString())
                .stdin("pw")
                .run("login", "-u", "a", "--password-stdin");

        assertThat(result.exitCode()).isZero();
        assertThat(saved(cli.configDir()).server()).isEqualTo(server.url().toString());
    }

    @Test
    @DisplayName("a broken config file does not block the login that rewrites it")
    void brokenConfig() throws Exception {
        server.json("POST", LOGIN, 200, TOKEN_ANSWER);
        Files.createDirectories(cli.configDir());
        Files.writeString(cli.configDir().resolve("config.json"), "{not json");

        Cli.Result noServer = cli.stdin("pw").run("login", "-u", "a", "--password-stdin");
        Cli.Result withServer =
                cli.stdin("pw").run("login", "--server", server.url().toString(), "-u", "a", "--password-stdin");

        assertThat(noServer.exitCode()).isEqualTo(2);
        assertThat(noServer.err()).contains("--server is required");
        assertThat(withServer.exitCode()).isZero();
        assertThat(saved(cli.configDir()).token()).isEqualTo("tok-123");
    }

    @Test
    @DisplayName("conflicting or missing credentials and bad URLs are usage errors (exit 2) with nothing sent")
    void usageErrors() {
        String url = server.url().toString();
        assertThat(cli.run("login", "--server", url, "-u", "a", "--token", "t").err())
                .contains("--token cannot be combined");
        assertThat(cli.run("login", "--server", url).err()).contains("either --username or --token is required");
        assertThat(cli.run("login", "--server", url, "--token", " ").err()).contains("--token must not be empty");
        assertThat(cli.run("login", "--server", url, "-u", "a", "-p", "x", "--password-stdin")
                        .err())
                .contains("cannot be used together");
        assertThat(cli.run("login", "--server", "ftp://host", "-u", "a", "-p", "x")
                        .err())
                .contains("expected http:// or https://");
        assertThat(cli.run("login", "-u", "a", "-p", "x").err()).contains("--server is required");
        assertThat(cli.stdin("\n")
                        .run("login", "--server", url, "-u", "a", "--password-stdin")
                        .err())
                .contains("standard input is empty");
        assertThat(cli.prompt(text -> Optional.of(new char[0]))
                        .run("login", "--server", url, "-u", "a")
                        .err())
                .contains("the password must not be empty");
        assertThat(cli.run("login", "--server", url, "-u", "a", "-p", "x", "--password-stdin")
                        .exitCode())
                .isEqualTo(2);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    @DisplayName("an oversized stdin is not taken as a password")
    void hugeStdin() {
        Cli.Result result = cli.stdin("x".repeat(70_000))
                .run("login", "--server", server.url().toString(), "-u", "a", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("too long to be a password");
        assertThat(server.requests()).isEmpty();
    }
}
