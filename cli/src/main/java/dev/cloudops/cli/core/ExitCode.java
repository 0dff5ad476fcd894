package dev.cloudops.cli.core;

/** Process exit codes of {@code cloudops}; scripts rely on them, so they never change meaning. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The server refused or failed the request, or the local state (config, files) prevented it. */
    public static final int ERROR = 1;
    /** The command line was wrong (picocli's own usage exit code). */
    public static final int USAGE = 2;
    /** The server could not be reached at all. */
    public static final int UNREACHABLE = 3;

    private ExitCode() {}
}
