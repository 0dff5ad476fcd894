package dev.cloudops.container.logs;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live log follows over SSE. Each follow gets its own thread (outside the MVC pool, since it may last half an
 * hour), heartbeats from one shared scheduler, and counts against a per-user and a server-wide cap. A follow ends
 * when the container's log ends, the client goes away (a failed write or heartbeat) or its time is up; the client
 * then reconnects with {@code Last-Event-ID}.
 */
@Component
class LogStreams {

    private final CloudOpsProperties.Logs limits;
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ExecutorService pumps = Executors.newCachedThreadPool(daemon("log-follow"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(daemon("log-heartbeat"));

    LogStreams(CloudOpsProperties properties) {
        this.limits = properties.logs();
    }

    /**
     * Takes a slot for {@code user}, opens the follow with {@code opener} (whose failures are answered as
     * problems) and streams it as SSE events.
     */
    SseEmitter follow(String user, LogEventId resume, Supplier<InputStream> opener) {
        AtomicInteger mine = perUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (mine.incrementAndGet() > limits.maxStreamsPerUser()) {
            mine.decrementAndGet();
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-streams",
                    "At most " + limits.maxStreamsPerUser() + " live log streams per user; close one first");
        }
        if (total.incrementAndGet() > limits.maxStreams()) {
            total.decrementAndGet();
            mine.decrementAndGet();
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "The server is at its live log stream limit");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                mine.decrementAndGet();
                total.decrementAndGet();
            }
        };
        InputStream in;
        try {
            in = opener.get();
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        SseEmitter emitter = new SseEmitter(limits.streamTimeout().toMillis());
        long beat = limits.heartbeat().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(
                () -> send(emitter, SseEmitter.event().comment("keep-alive")), beat, beat, TimeUnit.MILLISECONDS);
        Runnable finish = () -> {
            heartbeat.cancel(false);
            closeQuietly(in);
            release.run();
        };
        emitter.onCompletion(finish);
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> finish.run());
        pumps.execute(() -> pump(emitter, in, resume, finish));
        return emitter;
    }

    private static void pump(SseEmitter emitter, InputStream in, LogEventId resume, Runnable finish) {
        Instant lastTs = null;
        int ordinal = 0;
        try (LineReader lines =
                new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8), LineReader.MAX_LINE)) {
            send(emitter, SseEmitter.event().reconnectTime(2000));
            String raw;
            while ((raw = lines.next()) != null) {
                LogLine line = LogLine.parse(raw);
                Instant ts = line.ts() != null ? line.ts() : lastTs != null ? lastTs : Instant.EPOCH;
                ordinal = ts.equals(lastTs) ? ordinal + 1 : 1;
                lastTs = ts;
                if (resume != null && resume.seen(ts, ordinal)) {
                    continue;
                }
                if (!send(
                        emitter,
                        SseEmitter.event()
                                .id(new LogEventId(ts, ordinal).toString())
                                .data(line.text()))) {
                    break;
                }
            }
            emitter.complete();
        } catch (IOException | RuntimeException e) {
            // The upstream broke or was closed because the client left: either way this follow is over.
            emitter.complete();
        } finally {
            finish.run();
        }
    }

    /** Sends one event; false when the client has gone (the emitter then finishes and closes the upstream). */
    private static boolean send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing a broken upstream can fail too; there is nothing left to release.
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void shutdown() {
        heartbeats.shutdownNow();
        pumps.shutdownNow();
    }
}
