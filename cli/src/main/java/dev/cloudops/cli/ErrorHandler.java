package dev.cloudops.cli;

import dev.cloudops.cli.auth.LoginCommand;
import dev.cloudops.cli.core.ApiException;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.ExitCode;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure of a running command into one {@code error: ...} line on standard error and an exit
 * code; stack traces only with {@code --verbose}, and only for failures the CLI did not expect.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final BooleanSupplier verbose;

    ErrorHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int exitCode;
        if (ex instanceof CliException failure) {
            err.println("error: " + failure.getMessage());
            if (failure instanceof ApiException api) {
                explain(api, commandLine, err);
            }
            exitCode = failure.exitCode();
        } else {
            err.println("error: unexpected " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            if (verbose.getAsBoolean()) {
                ex.printStackTrace(err);
            }
            exitCode = ExitCode.ERROR;
        }
        err.flush();
        return exitCode;
    }

    private static void explain(ApiException api, CommandLine commandLine, PrintWriter err) {
        if (api.problem().field() != null && !api.problem().field().isBlank()) {
            err.println("  field: " + api.problem().field());
        }
        if (api.status() == 401 && !(commandLine.getCommand() instanceof LoginCommand)) {
            err.println("hint: not logged in or the token expired; run `cloudops login`");
        } else if (api.status() == 403) {
            err.println("hint: your role or grants do not allow this; ask an administrator");
        }
    }
}
