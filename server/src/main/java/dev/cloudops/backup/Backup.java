package dev.cloudops.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One backup: an encrypted archive of objects and its encrypted manifest in the backup storage.
 *
 * @param jobId the job that made it
 * @param archiveBytes size of the stored (encrypted, compressed) archive
 * @param contentBytes size of the objects' YAML before compression
 * @param archiveSha256 SHA-256 of the stored archive file
 * @param manifestSha256 SHA-256 of the stored manifest file
 */
@Schema(description = "A backup")
public record Backup(
        long id,
        long definitionId,
        long clusterId,

        @Schema(allowableValues = {"RUNNING", "COMPLETED", "FAILED"})
        String status,

        @Schema(allowableValues = {"MANUAL", "SCHEDULE"}) String trigger,
        Long jobId,
        Encryption encryption,
        @JsonIgnore String dataKeySealed,
        @JsonIgnore String storageKey,
        int objectCount,
        int namespaceCount,
        long archiveBytes,
        long contentBytes,
        String archiveSha256,
        String manifestSha256,
        String message,
        String createdBy,
        Instant createdAt,
        Instant finishedAt) {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
}
