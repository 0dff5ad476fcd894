package dev.cloudops.container.logs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One saved log of one container: where it came from, who saved it and why, and what it holds.
 *
 * @param reason {@code request}, {@code export} or {@code schedule}
 * @param bytes the uncompressed size of the log
 * @param compressedBytes the size of the stored gzip file
 * @param firstTs the first line's timestamp when the log was saved with timestamps, else null
 * @param lastTs the last line's timestamp when the log was saved with timestamps, else null
 * @param path the gzip file, relative to the archive directory
 * @param scheduleId the log schedule that saved it (reason {@code schedule}), else null
 */
public record LogSnapshot(
        long id,
        long clusterId,
        String namespace,
        String pod,
        String container,
        String createdBy,
        Instant createdAt,
        String reason,
        long bytes,
        long compressedBytes,
        long lineCount,
        Instant firstTs,
        Instant lastTs,
        @JsonIgnore String path,
        String note,
        Long scheduleId) {}
