package dev.cloudops.container;

import dev.cloudops.kube.ContainerRef;
import java.time.Instant;

/**
 * One thing done inside a container (the plan's ContainerOperation): a one-shot command, a terminal session or a
 * file change.
 *
 * @param command the command line (arguments joined by spaces, as the policy matches it), the terminal's shell, or
 *     the file operation and its paths
 * @param exitCode null while running, for denied commands and for what has none
 * @param output the captured output (capped), null when not kept
 * @param sessionId the terminal session, for {@link Kind#TERMINAL}
 */
public record ContainerOperation(
        long id,
        Kind kind,
        long clusterId,
        String namespace,
        String pod,
        String container,
        String username,
        String command,
        Outcome outcome,
        Integer exitCode,
        Instant startedAt,
        long durationMs,
        String output,
        boolean outputTruncated,
        String sessionId,
        String detail) {

    /** What kind of operation. */
    public enum Kind {
        EXEC,
        TERMINAL,
        FILE
    }

    /** How it ended. */
    public enum Outcome {
        /** Ran; for a command, exited 0. */
        SUCCEEDED,
        /** Ran and failed: a non-zero exit, or the runtime could not start it. */
        FAILED,
        /** Refused by the command policy. */
        DENIED,
        /** Stopped at its time limit. */
        TIMED_OUT,
        /** A terminal session still open. */
        RUNNING,
        /** A terminal session that has ended. */
        CLOSED
    }

    /** A new operation on {@code target}, to be stored. */
    public static ContainerOperation of(
            Kind kind,
            ContainerRef target,
            String username,
            String command,
            Outcome outcome,
            Integer exitCode,
            Instant startedAt,
            long durationMs,
            String output,
            boolean outputTruncated,
            String sessionId,
            String detail) {
        return new ContainerOperation(
                0,
                kind,
                target.clusterId(),
                target.namespace(),
                target.pod(),
                target.container(),
                username,
                command,
                outcome,
                exitCode,
                startedAt,
                durationMs,
                output,
                outputTruncated,
                sessionId,
                detail);
    }
}
