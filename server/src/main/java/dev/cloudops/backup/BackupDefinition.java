package dev.cloudops.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A backup definition: what to back up of one cluster, when, how long to keep it, and how it is encrypted.
 *
 * @param cron five-field cron expression (or {@code @daily} …) in {@code timeZone}; null: manual backups only
 * @param keepCount keep at most this many backups of the definition (null: no limit)
 * @param keepSeconds delete backups older than this (null: no limit)
 * @param owner the user who created or last changed it; scheduled runs need their rights at run time
 * @param nextRunAt the next scheduled run, null without a schedule or while disabled
 */
@Schema(description = "A backup definition")
public record BackupDefinition(
        long id,
        @Schema(example = "shop nightly") String name,
        long clusterId,
        Scope scope,
        @Schema(example = "30 2 * * *") String cron,
        @Schema(example = "UTC") String timeZone,
        @Schema(example = "7") Integer keepCount,
        @Schema(example = "2592000") Long keepSeconds,
        boolean enabled,
        Encryption encryption,
        @JsonIgnore String kdf,
        @JsonIgnore String publicKey,
        @JsonIgnore String privateKeySealed,
        long ownerId,
        String owner,
        Instant createdAt,
        Instant updatedAt,
        Instant nextRunAt) {}
