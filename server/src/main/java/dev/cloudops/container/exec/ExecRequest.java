package dev.cloudops.container.exec;

import java.util.List;

/**
 * A one-shot command.
 *
 * @param command the argv array; with {@code shell}, exactly one element: the script {@code sh -c} runs
 * @param shell run {@code command[0]} as a script with {@code sh -c} (only when asked: never by default)
 * @param timeoutSeconds how long the command may run; the server's default when null
 */
public record ExecRequest(List<String> command, Boolean shell, Integer timeoutSeconds) {}
