package dev.cloudops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.cli.testsupport.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cloudops command tree")
class CloudOpsIT {

    @TempDir
    Path home;

    @Test
    @DisplayName("--version prints the build's version and exits 0")
    void version() {
        Cli.Result result = Cli.withHome(home).run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("cloudops 0.1.0-SNAPSHOT\nJava ");
    }

    @Test
    @DisplayName("--help lists the commands, the environment and the exit codes")
    void help() {
        Cli.Result result = Cli.withHome(home).run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Usage: cloudops")
                .contains("login")
                .contains("cluster")
                .contains("exec-history")
                .contains("logs")
                .contains("--config=DIR")
                .contains("CLOUDOPS_TOKEN")
                .contains("3  server unreachable")
                .contains("cloudops exec: the command's own exit code once it ran; 124 if it timed out");
    }

    @Test
    @DisplayName("subcommands have help and inherit --config and --verbose")
    void subcommandHelp() {
        Cli.Result result = Cli.withHome(home).run("cluster", "create", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("Usage: cloudops cluster create")
                .contains("--kubeconfig=FILE")
                .contains("--config=DIR")
                .contains("--verbose");
    }

    @Test
    @DisplayName("a missing subcommand or an unknown option is a usage error with exit 2")
    void usage() {
        Cli cli = Cli.withHome(home);

        Cli.Result none = cli.run();
        Cli.Result group = cli.run("cluster");
        Cli.Result unknown = cli.run("cluster", "list", "--bogus");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required subcommand: login, cluster, exec, exec-history, logs or mcp");
        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).contains("Missing required subcommand: list, create or delete");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'");
    }
}
