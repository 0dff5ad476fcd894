package dev.cloudops.cli.container;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Json;
import dev.cloudops.cli.core.OutputFormat;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code cloudops exec}: run a one-shot command in a container ({@code POST …/exec}) and behave like the command:
 * its standard output and error relayed byte for byte, its exit code as the CLI's.
 */
@Command(
        name = "exec",
        mixinStandardHelpOptions = true,
        customSynopsis = {
            "cloudops exec [-c=CONTAINER] [--timeout=SECONDS] [--shell] [-o=FORMAT]",
            "                     CLUSTER NAMESPACE POD -- COMMAND [ARG...]"
        },
        description = {
            "Run a command in a container; print its standard output and error and exit with its exit code.",
            "The command follows -- and is sent as an argument array: nothing is joined into a shell line unless"
                    + " --shell is given. It gets no standard input; its output is returned when it ends."
        },
        footer = {
            "",
            "Examples:",
            "  cloudops exec prod shop web-1 -- ls -la /etc/nginx",
            "  cloudops exec prod shop web-1 -c web --shell -- 'ps aux | grep nginx'",
            "",
            "Exit codes: the command's own (0-255); 124 when it timed out. Before the",
            "command ran, the CLI's own: 1 refused or failed by the server (such as",
            "command-denied), 2 usage error, 3 server unreachable."
        })
public final class ExecCommand implements Callable<Integer> {

    /** The exit code of a command stopped at its time limit, as {@code timeout(1)} uses. */
    static final int TIMED_OUT = 124;

    /**
     * How long to wait for the answer without {@code --timeout}: the server stops a command at its default time
     * limit, which is at most {@code cloudops.exec.max-timeout} (10 minutes unless configured otherwise).
     */
    static final Duration DEFAULT_WAIT = Duration.ofMinutes(11);

    /** Beyond {@code --timeout}: time for the server to stop the command and answer. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ContainerArgs target = new ContainerArgs();

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "Stop the command after this many seconds (default: the server's, 30 s unless configured).")
    private Integer timeoutSeconds;

    @Option(
            names = "--shell",
            description = "Run the one argument after -- as a script with sh -c, e.g. -- 'ps aux | grep nginx'.")
    private boolean shell;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            description = "json or yaml: print the whole result (exit code, output, truncated, timedOut, duration)"
                    + " instead of relaying the output.")
    private OutputFormat format;

    @Parameters(index = "3..*", paramLabel = "COMMAND", description = "After --: the command and its arguments.")
    private List<String> command = new ArrayList<>();

    /** The command, opening its session from {@code sessions}. */
    public ExecCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        validate();
        Session session = sessions.open(spec);
        ApiClient client = session.client();
        ContainerTarget container = target.resolve(client, session);
        Duration wait = timeoutSeconds == null
                ? DEFAULT_WAIT
                : Duration.ofSeconds(timeoutSeconds).plus(GRACE);
        JsonNode answer = client.post(
                container.path() + "/exec", new ExecRequest(List.copyOf(command), shell, timeoutSeconds), wait);
        ExecResult result = Json.convert(answer, ExecResult.class);
        if (format != null) {
            session.print(format, answer, () -> null);
        } else {
            relay(session.rawOut(), result.stdout());
            relay(session.rawErr(), result.stderr());
            explain(session.err(), result);
        }
        return exitCode(result);
    }

    private void validate() {
        if (format == OutputFormat.TABLE) {
            throw usage("-o takes json or yaml here; without it the command's output is printed as it is");
        }
        if (command.isEmpty()) {
            throw usage("Missing the command: cloudops exec CLUSTER NAMESPACE POD [-c CONTAINER] -- COMMAND [ARG...]");
        }
        if (argumentsAfterDoubleDash() != command.size()) {
            throw usage("the command must follow --, e.g. cloudops exec CLUSTER NAMESPACE POD -- "
                    + String.join(" ", command));
        }
        if (shell && command.size() != 1) {
            throw usage("--shell runs one script: quote it as one argument, e.g. -- 'ps aux | grep nginx'");
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw usage("--timeout must be at least 1 second but was " + timeoutSeconds);
        }
    }

    /**
     * How many arguments came after the first {@code --}. Requiring it keeps a mistyped CLI option from becoming
     * part of the command: without {@code --}, {@code ls --timout 5} would run {@code ls} with those arguments.
     */
    private int argumentsAfterDoubleDash() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int dashes = args.indexOf("--");
        return dashes < 0 ? 0 : args.size() - dashes - 1;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Writes the command's output as the UTF-8 the server decoded it from. */
    private static void relay(OutputStream out, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // The reader went away (a closed pipe); the command ran all the same and its exit code still counts.
        }
    }

    private void explain(PrintWriter err, ExecResult result) {
        if (Boolean.TRUE.equals(result.timedOut())) {
            String limit = timeoutSeconds == null ? "the server's default time limit" : timeoutSeconds + "s";
            err.println(
                    "note: the command timed out after " + limit + " and was stopped (exit code " + TIMED_OUT + ")");
        } else if (result.exitCode() == null) {
            err.println("warning: the command ended without an exit code (the connection to the container closed);"
                    + " exiting with 1");
        }
        if (Boolean.TRUE.equals(result.truncated())) {
            err.println("note: output truncated: the server keeps at most cloudops.exec.max-output-bytes of standard"
                    + " output and of standard error; the rest was dropped");
        }
        err.flush();
    }

    /** The command's exit code as a process exit code: 0-255 as is, 124 for a timeout, otherwise 1. */
    static int exitCode(ExecResult result) {
        if (Boolean.TRUE.equals(result.timedOut())) {
            return TIMED_OUT;
        }
        Integer code = result.exitCode();
        return code != null && code >= 0 && code <= 255 ? code : ExitCode.ERROR;
    }

    /** The JSON body of {@code POST …/exec}; without {@code --timeout} the server's default applies. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExecRequest(List<String> command, boolean shell, Integer timeoutSeconds) {}

    /**
     * The answer of {@code POST …/exec}.
     *
     * @param id the entry in the container's exec history
     * @param exitCode null when the command timed out or ended without one
     * @param stdout standard output, up to the server's cap
     * @param stderr standard error, up to the server's cap
     * @param truncated whether either went over the cap
     * @param timedOut whether the command was stopped at its time limit
     * @param durationMs how long it ran
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExecResult(
            Long id,
            Integer exitCode,
            String stdout,
            String stderr,
            Boolean truncated,
            Boolean timedOut,
            Long durationMs) {}
}
