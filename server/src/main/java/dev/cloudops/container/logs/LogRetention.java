package dev.cloudops.container.logs;

import dev.cloudops.platform.CloudOpsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the log archive bounded: deletes snapshots older than {@code cloudops.logs.retention}, then the oldest
 * ones while all of them together take more than {@code cloudops.logs.max-archive-bytes} compressed. Runs hourly,
 * once per fleet.
 */
@Component
public class LogRetention {

    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);
    private static final int BATCH = 100;

    private final LogSnapshotStore store;
    private final LogHistory history;
    private final Duration retention;
    private final long maxBytes;
    private final Clock clock;

    LogRetention(LogSnapshotStore store, LogHistory history, CloudOpsProperties properties, Clock clock) {
        this.store = store;
        this.history = history;
        this.retention = properties.logs().retention();
        this.maxBytes = properties.logs().maxArchiveBytes();
        this.clock = clock;
    }

    /** Deletes what retention allows no longer. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = "log-retention", lockAtMostFor = "PT30M")
    public void purge() {
        int deleted = purgeOlderThan(clock.millis() - retention.toMillis()) + purgeBeyond(maxBytes);
        if (deleted > 0) {
            log.info("Log retention deleted {} snapshots", deleted);
        }
    }

    /** Deletes the snapshots created before {@code cutoff} (epoch millis). */
    public int purgeOlderThan(long cutoff) {
        int deleted = 0;
        List<LogSnapshot> expired;
        while (!(expired = store.olderThan(cutoff, BATCH)).isEmpty()) {
            expired.forEach(history::remove);
            deleted += expired.size();
        }
        return deleted;
    }

    /** Deletes the oldest snapshots until all of them take at most {@code max} compressed bytes. */
    public int purgeBeyond(long max) {
        int deleted = 0;
        long total = store.totalCompressedBytes();
        while (total > max) {
            List<LogSnapshot> oldest = store.oldest(BATCH);
            if (oldest.isEmpty()) {
                break;
            }
            for (LogSnapshot s : oldest) {
                if (total <= max) {
                    break;
                }
                history.remove(s);
                total -= s.compressedBytes();
                deleted++;
            }
        }
        return deleted;
    }
}
