package dev.cloudops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.testsupport.Fixtures;
import dev.cloudops.cli.testsupport.StubServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the attached {@code -all} jar the way users do: {@code java -jar}, real environment, real exit code. */
@DisplayName("java -jar cloudops-cli-*-all.jar")
class ShadedJarIT {

    private static Path jar;

    @TempDir
    Path home;

    @BeforeAll
    static void findJar() {
        String property = System.getProperty("cloudops.cli.jar");
        assertThat(property)
                .as("system property cloudops.cli.jar (set by failsafe)")
                .isNotNull();
        jar = Path.of(property);
        assertThat(jar).isRegularFile();
    }

    private record Run(int exitCode, String out, String err) {}

    private Run java(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("out.txt").toFile())
                .redirectError(home.resolve("err.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Files.createFile(home.resolve("in-" + System.nanoTime()))
                        .toFile()));
        builder.environment().remove("CLOUDOPS_SERVER");
        builder.environment().remove("CLOUDOPS_TOKEN");
        builder.environment().put("CLOUDOPS_CONFIG_DIR", home.resolve("config").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("cloudops finished")
                .isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("--version runs from the fat jar alone")
    void version() throws Exception {
        Run run = java(Map.of(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("cloudops 0.1.0-SNAPSHOT");
    }

    @Test
    @DisplayName("reads CLOUDOPS_SERVER and CLOUDOPS_TOKEN from the process environment and prints YAML")
    void listFromEnvironment() throws Exception {
        try (StubServer server = StubServer.start()) {
            server.json("GET", "/api/k8s/cluster/list", 200, Fixtures.page(0, 20, 1, Fixtures.DEMO));

            Run run = java(
                    Map.of("CLOUDOPS_SERVER", server.url().toString(), "CLOUDOPS_TOKEN", "proc-token"),
                    "cluster",
                    "list",
                    "-o",
                    "yaml");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("name: demo");
            assertThat(server.requests().get(0).header("Authorization")).isEqualTo("Bearer proc-token");
        }
    }

    @Test
    @DisplayName("exec relays the command's output byte for byte to the process's stdout and stderr, and its exit code")
    void execRelays() throws Exception {
        try (StubServer server = StubServer.start()) {
            server.json(
                    "POST",
                    "/api/k8s/containers/1/shop/web-1/web/exec",
                    200,
                    "{\"id\":1,\"exitCode\":7,\"stdout\":\"caf\u00e9 \u2713\",\"stderr\":\"oops\\n\","
                            + "\"truncated\":false,\"timedOut\":false,\"durationMs\":5}");
            server.respond("GET", "/api/k8s/containers/1/shop/web-1/web/logs", 200, "text/plain", "l\u00f6g\n");
            // An ASCII locale: text writers would turn the non-ASCII characters into '?', the byte streams do not.
            Map<String, String> env =
                    Map.of("CLOUDOPS_SERVER", server.url().toString(), "CLOUDOPS_TOKEN", "t", "LC_ALL", "C");

            Run exec = java(env, "exec", "1", "shop", "web-1", "-c", "web", "--", "sh", "-c", "exit 7");
            byte[] execOut = Files.readAllBytes(home.resolve("out.txt"));
            Run logs = java(env, "logs", "1", "shop", "web-1", "-c", "web");

            assertThat(exec.exitCode()).isEqualTo(7);
            assertThat(execOut).isEqualTo("caf\u00e9 \u2713".getBytes(StandardCharsets.UTF_8));
            assertThat(exec.err()).isEqualTo("oops\n");
            assertThat(logs.exitCode()).isZero();
            assertThat(Files.readAllBytes(home.resolve("out.txt")))
                    .isEqualTo("l\u00f6g\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("the process exit code is 3 when the server is unreachable and 2 on a usage error")
    void exitCodes() throws Exception {
        assertThat(java(Map.of("CLOUDOPS_SERVER", "http://127.0.0.1:1"), "cluster", "list")
                        .exitCode())
                .isEqualTo(3);
        assertThat(java(Map.of(), "cluster", "list", "--page", "x").exitCode()).isEqualTo(2);
    }
}
