package dev.cloudops.container.logs;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Saved log snapshots: a container's log compressed into the archive with a row describing it, listed, downloaded,
 * searched and deleted under the same access rules as the live log. A snapshot in a namespace the caller may not
 * read is answered like one that does not exist.
 */
@Service
public class LogHistory {

    /** Why a snapshot was saved. */
    public enum Reason {
        REQUEST,
        EXPORT,
        SCHEDULE;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final int MAX_NOTE = 1024;

    private final LogService logs;
    private final LogSnapshotStore store;
    private final LogArchive archive;
    private final AccessPolicy access;
    private final Duration searchBudget;
    private final Clock clock;

    LogHistory(
            LogService logs,
            LogSnapshotStore store,
            LogArchive archive,
            AccessPolicy access,
            CloudOpsProperties properties,
            Clock clock) {
        this.logs = logs;
        this.store = store;
        this.archive = archive;
        this.access = access;
        this.searchBudget = properties.logs().searchBudget();
        this.clock = clock;
    }

    /** Where a snapshot comes from and who asked for it. */
    private record Origin(
            long clusterId,
            String namespace,
            String pod,
            String container,
            String user,
            Instant at,
            Reason reason,
            String note,
            Long scheduleId) {

        LogSnapshot snapshot(LogArchive.Written w) {
            return new LogSnapshot(
                    0,
                    clusterId,
                    namespace,
                    pod,
                    container,
                    user,
                    at,
                    reason.value(),
                    w.bytes(),
                    w.compressedBytes(),
                    w.lines(),
                    w.firstTs(),
                    w.lastTs(),
                    w.path(),
                    note == null || note.isBlank() ? null : note,
                    scheduleId);
        }
    }

    /**
     * Reads one container's log into a new snapshot. Every check of the live read comes first; a failure while the
     * log streams in leaves neither a file nor a row.
     */
    public LogSnapshot save(
            long clusterId, String namespace, String pod, String container, LogQuery query, String note) {
        return save(origin(clusterId, namespace, pod, container, Reason.REQUEST, note, null), query);
    }

    /**
     * A snapshot saved by a log schedule (reason {@code schedule}): the same checks and the same path as
     * {@link #save}, under whatever identity the schedule runs with.
     */
    LogSnapshot saveScheduled(
            long clusterId,
            String namespace,
            String pod,
            String container,
            LogQuery query,
            String note,
            long scheduleId) {
        return save(origin(clusterId, namespace, pod, container, Reason.SCHEDULE, note, scheduleId), query);
    }

    private LogSnapshot save(Origin origin, LogQuery query) {
        long clusterId = origin.clusterId();
        String namespace = origin.namespace();
        String pod = origin.pod();
        String container = origin.container();
        InputStream in = logs.open(clusterId, namespace, pod, container, query.options());
        LogArchive.Written written;
        try {
            written = archive.write(in, origin.at());
        } catch (IOException e) {
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY, "log-read-failed", "Reading the log failed: " + e.getMessage());
        }
        return store.find(keep(origin, written)).orElseThrow();
    }

    /**
     * An export that also keeps what it streams as a snapshot (reason {@code export}) once the whole log has been
     * read; an export that fails on the way keeps nothing.
     */
    public LogService.Body exportAndSave(
            long clusterId,
            String namespace,
            String pod,
            String container,
            LogQuery query,
            LogService.ExportFormat format,
            String note) {
        Origin origin = origin(clusterId, namespace, pod, container, Reason.EXPORT, note, null);
        return logs.export(clusterId, namespace, pod, container, query, format, in -> {
            try {
                return new SnapshotTee(in, archive.begin(origin.at()), w -> keep(origin, w));
            } catch (IOException e) {
                closeQuietly(in, e);
                throw new UncheckedIOException("Cannot write to the log archive", e);
            }
        });
    }

    private Origin origin(
            long clusterId,
            String namespace,
            String pod,
            String container,
            Reason reason,
            String note,
            Long scheduleId) {
        if (note != null && note.length() > MAX_NOTE) {
            throw LogQuery.invalid("note", "note must be at most " + MAX_NOTE + " characters");
        }
        return new Origin(
                clusterId,
                namespace,
                pod,
                container,
                access.current().username(),
                clock.instant(),
                reason,
                note,
                scheduleId);
    }

    /** Inserts the row of a complete archive file, or deletes the file when that fails. */
    private long keep(Origin origin, LogArchive.Written written) {
        LogSnapshot snapshot = origin.snapshot(written);
        try {
            return store.insert(snapshot);
        } catch (RuntimeException e) {
            deleteFile(snapshot, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in, IOException failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** One container's snapshots, newest first. */
    public Page<LogSnapshot> history(
            long clusterId, String namespace, String pod, String container, int page, int size) {
        logs.checkReadable(clusterId, namespace, pod, container);
        return new Page<>(
                store.history(clusterId, namespace, pod, container, Math.multiplyExact(page, size), size),
                page,
                size,
                store.count(clusterId, namespace, pod, container));
    }

    /** A snapshot the caller may read; 404 {@code snapshot-not-found} otherwise. */
    public LogSnapshot get(long id) {
        LogSnapshot snapshot = store.find(id).orElseThrow(() -> notFound(id));
        try {
            access.require(Action.READ, snapshot.clusterId(), snapshot.namespace());
        } catch (ApiException e) {
            throw notFound(id);
        }
        return snapshot;
    }

    /** A snapshot's log: the text, or with {@code gzip} the stored file as it is. */
    public LogService.Body download(long id, boolean gzip) {
        InputStream in = openFile(get(id), gzip);
        return out -> {
            try (in) {
                LogService.copy(in, out);
            }
        };
    }

    /** Searches a snapshot as the live search does; the body writes JSON Lines. */
    public LogService.Body search(
            long id, String q, boolean regex, boolean ignoreCase, int before, int after, int maxMatches) {
        LogSearch.Spec spec = LogSearch.Spec.of(q, regex, ignoreCase, before, after, maxMatches);
        InputStream in = openFile(get(id), false);
        return out -> LogSearch.run(in, spec, searchBudget, out);
    }

    /** Deletes a snapshot, its row and its file; needs write access to the namespace. */
    public void delete(long id) {
        LogSnapshot snapshot = get(id);
        access.require(Action.WRITE, snapshot.clusterId(), snapshot.namespace());
        remove(snapshot);
    }

    /** Removes a snapshot's row, then its file; used by {@link #delete} and by retention. */
    void remove(LogSnapshot snapshot) {
        store.delete(snapshot.id());
        try {
            archive.delete(snapshot.path());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + snapshot.path(), e);
        }
    }

    private InputStream openFile(LogSnapshot snapshot, boolean gzip) {
        Path file = archive.file(snapshot.path());
        try {
            InputStream raw = Files.newInputStream(file);
            if (gzip) {
                return raw;
            }
            try {
                return new GZIPInputStream(raw, 64 * 1024);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw notFound(snapshot.id());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + snapshot.path(), e);
        }
    }

    private void deleteFile(LogSnapshot snapshot, RuntimeException failure) {
        try {
            archive.delete(snapshot.path());
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("snapshot-not-found", "There is no log snapshot " + id);
    }
}
