package dev.cloudops.platform.jobs;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.web.Page;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs long work in the background as jobs with an id, progress, a per-item report and a final status, all kept
 * in the database so that any replica can answer for them. A job runs on the replica that started it
 * ({@code cloudops.jobs.workers} at a time, the rest wait queued); that replica keeps its heartbeat fresh, and a
 * job whose heartbeat stopped (its replica died) is marked failed with {@code job-abandoned}, once per fleet.
 * Who may see a job is the starting feature's business.
 */
@Service
public class Jobs {

    /** The work of one job; what it throws ends the job as failed. */
    @FunctionalInterface
    public interface Work {
        void run(JobContext context) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final int ITEM_BATCH = 500;
    private static final long PROGRESS_EVERY_MS = 1000;
    private static final long ABANDONED_AFTER_MS = 3 * 60_000L;
    private static final int MAX_MESSAGE = 1024;

    private final JobRunStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final ExecutorService pool;
    private final Set<Long> local = ConcurrentHashMap.newKeySet();

    Jobs(JobRunStore store, JsonMapper json, Clock clock, @Value("${cloudops.jobs.workers:2}") int workers) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Records a queued job and starts it as soon as a worker is free; answers its id. */
    public long start(String kind, Long subjectId, Long clusterId, String createdBy, Work work) {
        long id = store.insert(kind, subjectId, clusterId, createdBy, clock.millis());
        local.add(id);
        pool.execute(() -> execute(id, work));
        return id;
    }

    public Optional<JobRun> find(long id) {
        return store.find(id);
    }

    /** The jobs of the given kinds about one record, newest first. */
    public Page<JobRun> bySubject(List<String> kinds, long subjectId, int page, int size) {
        return new Page<>(
                store.bySubject(kinds, subjectId, Math.multiplyExact(page, size), size),
                page,
                size,
                store.countBySubject(kinds, subjectId));
    }

    /** A job's report, in order; {@code outcome} keeps only items with that outcome. */
    public Page<JobRun.Item> items(long id, String outcome, int page, int size) {
        return new Page<>(
                store.items(id, outcome, Math.multiplyExact(page, size), size),
                page,
                size,
                store.countItems(id, outcome));
    }

    /** Forgets every job of one kind about one record (when the record itself is deleted). */
    public void forget(String kind, long subjectId) {
        store.deleteBySubject(kind, subjectId);
    }

    private void execute(long id, Work work) {
        Context context = new Context(id);
        store.started(id, clock.millis());
        JobRun.Status status;
        String code = null;
        String message = null;
        try {
            work.run(context);
            status = context.failed > 0 ? JobRun.Status.PARTIALLY_FAILED : JobRun.Status.SUCCEEDED;
        } catch (ApiException e) {
            status = JobRun.Status.FAILED;
            code = e.code();
            message = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = JobRun.Status.FAILED;
            code = "job-interrupted";
            message = "The server stopped while the job ran";
        } catch (Exception | LinkageError e) {
            log.error("Job {} failed unexpectedly", id, e);
            status = JobRun.Status.FAILED;
            code = "internal-error";
            message = "The job failed unexpectedly; the server log has the details";
        }
        try {
            context.flush(true);
            store.finished(id, status, code, cut(message), context.resultJson(), clock.millis());
        } catch (RuntimeException e) {
            log.error("Could not record the end of job {}", id, e);
        } finally {
            local.remove(id);
        }
    }

    /** Keeps the heartbeat of this replica's jobs fresh. */
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void heartbeat() {
        store.heartbeat(List.copyOf(local), clock.millis());
    }

    /** Marks jobs failed whose replica stopped beating, once per fleet. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    @SchedulerLock(name = "job-runs-abandoned", lockAtMostFor = "PT5M")
    void abandonStale() {
        long now = clock.millis();
        int n = store.abandon(now - ABANDONED_AFTER_MS, "The replica running the job stopped", now);
        if (n > 0) {
            log.warn("Marked {} abandoned jobs failed", n);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        long now = clock.millis();
        for (long id : List.copyOf(local)) {
            store.finished(
                    id, JobRun.Status.FAILED, "job-interrupted", "The server stopped while the job ran", null, now);
        }
    }

    private static String cut(String message) {
        return message == null || message.length() <= MAX_MESSAGE
                ? message
                : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** Progress kept in memory and written at most once a second, items in batches. */
    private final class Context implements JobContext {
        private final long id;
        private final List<JobRun.Item> pending = new ArrayList<>();
        private String phase;
        private long total;
        private long done;
        private long failed;
        private int seq;
        private long flushedAt;
        private Object result;

        Context(long id) {
            this.id = id;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public void phase(String phase) {
            this.phase = phase;
            flush(true);
        }

        @Override
        public void total(long total) {
            this.total = total;
            flush(false);
        }

        @Override
        public void item(String subject, String outcome, String detail, boolean failure) {
            pending.add(new JobRun.Item(seq++, cutTo(subject, 600), outcome, cut(detail)));
            done++;
            if (failure) {
                failed++;
            }
            flush(pending.size() >= ITEM_BATCH);
        }

        @Override
        public void advance(long items) {
            done += items;
            flush(false);
        }

        @Override
        public void result(Object summary) {
            this.result = summary;
        }

        @Override
        public boolean anyFailed() {
            return failed > 0;
        }

        void flush(boolean force) {
            long now = clock.millis();
            if (!force && now - flushedAt < PROGRESS_EVERY_MS) {
                return;
            }
            if (!pending.isEmpty()) {
                store.addItems(id, pending);
                pending.clear();
            }
            store.progress(id, phase, Math.max(total, done), done, failed, now);
            flushedAt = now;
        }

        String resultJson() {
            return result == null ? null : json.writeValueAsString(result);
        }

        private String cutTo(String text, int max) {
            return text.length() <= max ? text : text.substring(0, max - 1) + "…";
        }
    }
}
