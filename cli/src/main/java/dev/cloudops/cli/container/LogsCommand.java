package dev.cloudops.cli.container;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.Durations;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.Session;
import dev.cloudops.cli.core.SessionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cloudops logs}: a container's log as the API server sends it ({@code GET …/logs}), copied to standard
 * output as it arrives; with {@code -f}, followed live over {@code …/logs/stream} (see {@link LogFollower}).
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Print a container's log, streamed as it arrives; with -f, follow it live.",
            "Following reconnects by itself and resumes after the last line printed; it ends when the container"
                    + " stops, like kubectl logs -f."
        },
        footer = {
            "",
            "Examples:",
            "  cloudops logs prod shop web-7d9c6b5f4-x2x8q --tail 100",
            "  cloudops logs prod shop web-7d9c6b5f4-x2x8q -c web --since 10m --timestamps -f"
        })
public final class LogsCommand implements Callable<Integer> {

    private static final int COPY_BUFFER = 16 * 1024;

    private final SessionFactory sessions;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ContainerArgs target = new ContainerArgs();

    @Option(
            names = "--tail",
            paramLabel = "N",
            description = "Only the last N lines (0-1,000,000; -1, the default, is all).")
    private long tail = -1;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            description = "Only lines newer than this, e.g. 30s, 10m, 2h, 1h30m (at most 366d).")
    private String since;

    @Option(
            names = "--since-time",
            paramLabel = "TIME",
            description = "Only lines at or after this RFC 3339 time, e.g. 2026-01-02T15:04:05Z.")
    private String sinceTime;

    @Option(names = "--timestamps", description = "Prefix each line with its RFC 3339 timestamp.")
    private boolean timestamps;

    @Option(
            names = {"-p", "--previous"},
            description = "The previous (terminated) run of the container.")
    private boolean previous;

    @Option(names = "--limit-bytes", paramLabel = "N", description = "Stop after N bytes of log.")
    private Long limitBytes;

    @Option(
            names = {"-f", "--follow"},
            description = "Follow the log live until the container stops (Ctrl-C to stop earlier).")
    private boolean follow;

    /** The command, opening its session from {@code sessions}. */
    public LogsCommand(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() {
        LogQuery query = query();
        Session session = sessions.open(spec);
        ApiClient client = session.client();
        ContainerTarget container = target.resolve(client, session);
        if (follow) {
            return new LogFollower(client, session, container, query, LogFollower.Settings.DEFAULTS).follow();
        }
        return copy(client.stream(container.path() + "/logs" + query.toQueryString(), "text/plain", Map.of()), session);
    }

    private LogQuery query() {
        if (tail < -1) {
            throw usage("--tail must be -1 (all) or more but was " + tail);
        }
        if (since != null && sinceTime != null) {
            throw usage("--since and --since-time cannot be used together");
        }
        Long sinceSeconds = null;
        if (since != null) {
            Duration duration;
            try {
                duration = Durations.parse(since);
            } catch (IllegalArgumentException e) {
                throw usage("--since: " + e.getMessage());
            }
            if (duration.isZero()) {
                throw usage("--since must be at least 1s");
            }
            sinceSeconds = duration.toSeconds();
        }
        if (limitBytes != null && limitBytes < 1) {
            throw usage("--limit-bytes must be at least 1 but was " + limitBytes);
        }
        return new LogQuery(tail < 0 ? null : tail, sinceSeconds, sinceTime, timestamps, previous, limitBytes);
    }

    /** Copies the log to standard output chunk by chunk, never holding more than one buffer of it. */
    private static int copy(InputStream log, Session session) {
        OutputStream out = session.rawOut();
        byte[] buffer = new byte[COPY_BUFFER];
        try (log) {
            int n;
            while ((n = log.read(buffer)) >= 0) {
                try {
                    out.write(buffer, 0, n);
                    out.flush();
                } catch (IOException e) {
                    // The reader went away (`cloudops logs … | head`): nothing more is wanted.
                    return ExitCode.OK;
                }
            }
        } catch (IOException e) {
            throw new CliException("the log broke off: " + e.getMessage(), ExitCode.ERROR, e);
        }
        return ExitCode.OK;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
