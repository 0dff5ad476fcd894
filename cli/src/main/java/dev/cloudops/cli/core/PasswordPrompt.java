package dev.cloudops.cli.core;

import java.io.Console;
import java.util.Optional;

/** Reads a secret from the user's terminal without echoing it. */
@FunctionalInterface
public interface PasswordPrompt {

    /**
     * Shows {@code prompt} and reads one line without echo.
     *
     * @return the secret, or empty when there is no interactive terminal (or it was closed)
     */
    Optional<char[]> read(String prompt);

    /** The prompt backed by {@link System#console()}. */
    static PasswordPrompt console() {
        return prompt -> {
            Console console = System.console();
            return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
        };
    }
}
