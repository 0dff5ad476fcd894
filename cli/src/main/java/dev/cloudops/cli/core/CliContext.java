package dev.cloudops.cli.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process around the CLI: environment variables, standard input, the terminal and the clock. Passed in
 * rather than read from {@link System} so that tests can run commands in-process with their own values.
 *
 * @param env environment variables
 * @param stdio standard input (kubeconfig {@code -}, {@code --password-stdin}) and the byte streams behind standard
 *     output and error
 * @param passwordPrompt reads a password without echo
 * @param clock used to show how long ago a cluster was last seen
 * @param homeDir the user's home; the default config directory is {@code <homeDir>/.cloudops}
 */
public record CliContext(
        Map<String, String> env, Stdio stdio, PasswordPrompt passwordPrompt, Clock clock, Path homeDir) {

    /** Environment variable naming the config directory. */
    public static final String CONFIG_DIR_ENV = "CLOUDOPS_CONFIG_DIR";
    /** Environment variable overriding the saved server URL. */
    public static final String SERVER_ENV = "CLOUDOPS_SERVER";
    /** Environment variable overriding the saved token. */
    public static final String TOKEN_ENV = "CLOUDOPS_TOKEN";

    /** Copies {@code env} and rejects missing collaborators. */
    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(stdio, "stdio");
        Objects.requireNonNull(passwordPrompt, "passwordPrompt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(homeDir, "homeDir");
    }

    /** The real process: {@link System#getenv()}, {@link Stdio#system()}, {@link System#console()}, UTC clock. */
    public static CliContext system() {
        return new CliContext(
                System.getenv(),
                Stdio.system(),
                PasswordPrompt.console(),
                Clock.systemUTC(),
                Path.of(System.getProperty("user.home")));
    }

    /** Standard input. */
    public InputStream stdin() {
        return stdio.in();
    }

    /** The value of an environment variable, empty when unset or blank. */
    public Optional<String> envValue(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
