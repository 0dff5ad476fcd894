package dev.cloudops.cli.core;

/** The server answered with an error status; carries the problem document it sent (or one made up for it). */
public final class ApiException extends CliException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Problem problem;

    /** An API error for {@code status}; {@code problem} must already be {@link Problem#completedWith completed}. */
    public ApiException(int status, Problem problem) {
        super(problem.detail() + " (" + problem.code() + ")", ExitCode.ERROR, null);
        this.status = status;
        this.problem = problem;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The problem document, with detail and code always present. */
    public Problem problem() {
        return problem;
    }
}
