package dev.cloudops.cli.core;

/**
 * A failure the user should read as one line: the message is printed after {@code error: } and the process
 * exits with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure that exits with {@link ExitCode#ERROR}. */
    public CliException(String message) {
        this(message, ExitCode.ERROR, null);
    }

    /** A failure with its own exit code and the exception that caused it (may be {@code null}). */
    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code this failure maps to. */
    public int exitCode() {
        return exitCode;
    }
}
