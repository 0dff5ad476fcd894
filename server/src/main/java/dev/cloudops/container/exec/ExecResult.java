package dev.cloudops.container.exec;

/**
 * What a one-shot command did.
 *
 * @param id its entry in the exec history
 * @param exitCode null when it timed out, or when the connection ended without the kubelet reporting one
 * @param truncated true when stdout or stderr went over the output cap; the rest was read and dropped
 * @param timedOut true when the command was stopped at its timeout
 */
public record ExecResult(
        long id,
        Integer exitCode,
        String stdout,
        String stderr,
        boolean truncated,
        boolean timedOut,
        long durationMs) {}
