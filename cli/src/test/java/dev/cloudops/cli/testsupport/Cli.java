package dev.cloudops.cli.testsupport;

import dev.cloudops.cli.CloudOps;
import dev.cloudops.cli.core.CliConfig;
import dev.cloudops.cli.core.CliContext;
import dev.cloudops.cli.core.ConfigStore;
import dev.cloudops.cli.core.PasswordPrompt;
import dev.cloudops.cli.core.Stdio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Runs {@code cloudops} in-process through its public entry ({@link CloudOps#newCommandLine}) with a private
 * home directory, environment, standard input, password prompt and a fixed clock, capturing out and err (the
 * text writers and the byte streams of {@link Stdio} land in the same buffers, in the order written).
 */
public final class Cli {

    /** The fixed "now" of every run. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    /**
     * What one run produced: the exit code and standard output and error, as text (UTF-8) and as the bytes written.
     */
    public record Result(int exitCode, String out, String err, byte[] outBytes, byte[] errBytes) {}

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private byte[] stdin = new byte[0];
    private PasswordPrompt prompt = text -> Optional.empty();

    private Cli(Path home) {
        this.home = home;
    }

    /** A CLI whose home directory is {@code home} (so the default config is {@code home/.cloudops}). */
    public static Cli withHome(Path home) {
        return new Cli(home);
    }

    /** Sets an environment variable for the following runs. */
    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Standard input for the following runs. */
    public Cli stdin(String text) {
        stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** The terminal password prompt for the following runs (default: no terminal). */
    public Cli prompt(PasswordPrompt passwordPrompt) {
        prompt = passwordPrompt;
        return this;
    }

    /** The default config directory, {@code home/.cloudops}. */
    public Path configDir() {
        return home.resolve(".cloudops");
    }

    /** Writes a config as if {@code cloudops login} had succeeded against {@code server}. */
    public Cli loggedIn(URI server, String token) {
        new ConfigStore(configDir()).save(new CliConfig(server.toString(), token, "alice", null));
        return this;
    }

    /** Runs {@code cloudops args...}. */
    public Result run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        Stdio stdio = new Stdio(new ByteArrayInputStream(stdin), outBytes, errBytes);
        CliContext context = new CliContext(env, stdio, prompt, Clock.fixed(NOW, ZoneOffset.UTC), home);
        CommandLine commandLine = CloudOps.newCommandLine(context);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(outBytes, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(errBytes, StandardCharsets.UTF_8), true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return new Result(
                exitCode,
                outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8),
                outBytes.toByteArray(),
                errBytes.toByteArray());
    }
}
