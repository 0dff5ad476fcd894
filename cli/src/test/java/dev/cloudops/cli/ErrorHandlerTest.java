package dev.cloudops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@DisplayName("ErrorHandler")
class ErrorHandlerTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Override
        public void run() {}
    }

    private static String handle(Exception failure, boolean verbose, int[] exitCode) {
        CommandLine commandLine = new CommandLine(new Probe());
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        exitCode[0] = new ErrorHandler(() -> verbose).handleExecutionException(failure, commandLine, null);
        return err.toString();
    }

    @Test
    @DisplayName("an unexpected exception is one error line with exit 1; its stack trace only with --verbose")
    void unexpected() {
        int[] exitCode = new int[1];

        String quiet = handle(new IllegalStateException("boom"), false, exitCode);
        assertThat(exitCode[0]).isEqualTo(1);
        assertThat(quiet).isEqualTo("error: unexpected IllegalStateException: boom\n");

        String loud = handle(new NullPointerException(), true, exitCode);
        assertThat(loud).startsWith("error: unexpected NullPointerException\njava.lang.NullPointerException");
        assertThat(loud).contains("\tat ");
    }
}
