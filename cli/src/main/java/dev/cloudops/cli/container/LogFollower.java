package dev.cloudops.cli.container;

import dev.cloudops.cli.core.ApiClient;
import dev.cloudops.cli.core.ApiException;
import dev.cloudops.cli.core.CliException;
import dev.cloudops.cli.core.ExitCode;
import dev.cloudops.cli.core.ServerUnreachableException;
import dev.cloudops.cli.core.Session;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code cloudops logs -f}: follows {@code …/logs/stream} and prints each event's data as a line, reconnecting
 * with {@code Last-Event-ID} so that the server resumes right after the last line printed.
 *
 * <p>When a stream ends cleanly the server has either reached the end of the container's log or its own time
 * limit (30 minutes); the pod's status tells which: a running container is followed again, otherwise the command
 * ends like {@code kubectl logs -f}. A stream that breaks, or stays silent longer than the heartbeat allows, is
 * reconnected after the delay the server asked for ({@code retry:}), doubled on each failure in a row, and given
 * up after {@link Settings#maxFailures()} of them.
 */
final class LogFollower {

    /**
     * Timings of a follow.
     *
     * @param idleLimit silence after which the connection is taken for dead (the server sends a comment every 15 s)
     * @param firstDelay the reconnection delay until the server names one
     * @param maxDelay the longest delay between reconnections
     * @param maxFailures failed rounds in a row before giving up
     */
    record Settings(Duration idleLimit, Duration firstDelay, Duration maxDelay, int maxFailures) {
        static final Settings DEFAULTS =
                new Settings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(30), 10);
    }

    /** How one connection ended. */
    private record Round(boolean ended, String reason, boolean healthy) {}

    /** Standard output is closed (the reader of a pipe is gone): following is over. */
    private static final class OutputClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputClosed(IOException cause) {
            super(cause);
        }
    }

    private final ApiClient client;
    private final Session session;
    private final ContainerTarget target;
    private final LogQuery query;
    private final Settings settings;
    private String lastEventId;
    private Duration retryDelay;

    LogFollower(ApiClient client, Session session, ContainerTarget target, LogQuery query, Settings settings) {
        this.client = client;
        this.session = session;
        this.target = target;
        this.query = query;
        this.settings = settings;
        this.retryDelay = settings.firstDelay();
    }

    /**
     * Follows until the log ends, standard output closes or reconnecting fails too often.
     *
     * @return the exit code
     * @throws ApiException when the first connection is refused, or a later one for a reason retrying cannot fix
     * @throws ServerUnreachableException when the server cannot be reached at first
     */
    int follow() {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cloudops-log-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return loop(session.rawOut(), watchdog);
        } catch (OutputClosed e) {
            return ExitCode.OK;
        } finally {
            watchdog.shutdownNow();
        }
    }

    private int loop(OutputStream out, ScheduledExecutorService watchdog) {
        String path = target.path() + "/logs/stream" + query.toQueryString();
        boolean connected = false;
        int failures = 0;
        while (true) {
            Round round;
            try {
                InputStream body = client.stream(
                        path,
                        "text/event-stream",
                        lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
                connected = true;
                round = pump(body, out, watchdog);
            } catch (ApiException e) {
                if (!connected) {
                    throw e;
                }
                if (e.status() == 404 || e.status() == 409) {
                    note("note: the log ended: " + e.getMessage());
                    return ExitCode.OK;
                }
                if (e.status() != 429 && e.status() < 500) {
                    throw e;
                }
                round = new Round(false, e.getMessage(), false);
            } catch (ServerUnreachableException e) {
                if (!connected) {
                    throw e;
                }
                round = new Round(false, e.getMessage(), false);
            }
            failures = round.healthy() ? 0 : failures + 1;
            if (round.ended() && (query.previous() || !stillRunning())) {
                return ExitCode.OK;
            }
            if (failures > settings.maxFailures()) {
                throw new CliException("gave up following the log of " + target.label() + " after " + failures
                        + " failed attempts in a row" + (round.reason() == null ? "" : ": " + round.reason()));
            }
            Duration delay = round.ended() && round.healthy() ? retryDelay : backoff(failures);
            if (!round.ended()) {
                note("warning: the log stream broke off (" + round.reason() + "); reconnecting in " + human(delay));
            }
            pause(delay);
        }
    }

    private Round pump(InputStream body, OutputStream out, ScheduledExecutorService watchdog) {
        long started = System.nanoTime();
        Activity in = new Activity(body);
        AtomicBoolean silent = new AtomicBoolean();
        long period = Math.max(10, settings.idleLimit().toMillis() / 4);
        ScheduledFuture<?> check = watchdog.scheduleWithFixedDelay(
                () -> {
                    if (System.nanoTime() - in.lastRead > settings.idleLimit().toNanos()) {
                        silent.set(true);
                        closeQuietly(body);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        boolean delivered = false;
        String failure = null;
        try (body) {
            SseReader reader = new SseReader(in);
            SseReader.Event event;
            while ((event = reader.next()) != null) {
                reader.retry().ifPresent(delay -> retryDelay = delay);
                print(out, event);
                if (event.id() != null) {
                    lastEventId = event.id();
                }
                delivered = true;
            }
            reader.retry().ifPresent(delay -> retryDelay = delay);
        } catch (IOException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            check.cancel(false);
        }
        if (silent.get()) {
            failure = "no data for " + human(settings.idleLimit());
        }
        boolean lasted = System.nanoTime() - started >= settings.idleLimit().toNanos();
        return new Round(failure == null, failure, delivered || lasted);
    }

    private void print(OutputStream out, SseReader.Event event) {
        String line = event.data();
        if (query.timestamps() && event.id() != null) {
            int hash = event.id().lastIndexOf('#');
            line = (hash < 0 ? event.id() : event.id().substring(0, hash)) + " " + line;
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new OutputClosed(e);
        }
    }

    /** Whether the container still runs, so that a stream that ended was cut by the server, not by the log's end. */
    private boolean stillRunning() {
        try {
            return Pods.running(
                            Pods.get(client, target.clusterId(), target.namespace(), target.pod()), target.container())
                    .orElse(false);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return false;
            }
            if (e.status() == 429 || e.status() >= 500) {
                return true;
            }
            throw e;
        } catch (ServerUnreachableException e) {
            return true;
        }
    }

    private Duration backoff(int failures) {
        Duration delay = retryDelay;
        for (int i = 1; i < failures && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /** {@code 2s}, or {@code 250ms} below a second or between whole seconds. */
    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private void note(String message) {
        PrintWriter err = session.err();
        err.println(message);
        err.flush();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while following the log", ExitCode.ERROR, e);
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // The connection is being given up anyway.
        }
    }

    /** Remembers when bytes last arrived, comments (the server's heartbeats) included. */
    private static final class Activity extends FilterInputStream {
        volatile long lastRead = System.nanoTime();

        Activity(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastRead = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            lastRead = System.nanoTime();
            return n;
        }
    }
}
