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
    @DisplayName("the process exit code is 3 when the server is unreachable and 2 on a usage error")
    void exitCodes() throws Exception {
        assertThat(java(Map.of("CLOUDOPS_SERVER", "http://127.0.0.1:1"), "cluster", "list")
                        .exitCode())
                .isEqualTo(3);
        assertThat(java(Map.of(), "cluster", "list", "--page", "x").exitCode()).isEqualTo(2);
    }
}
