package dev.cloudops.backup;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A backup definition as a user writes it. On update every field may be left out to keep its value, except that
 * the cluster and the encryption never change.
 *
 * @param cron five-field cron expression or a macro ({@code @daily}); empty: manual backups only
 * @param timeZone the cron expression's IANA time zone (UTC when empty)
 * @param keepCount keep at most this many backups (1–1000)
 * @param keepFor delete backups older than this ({@code 30d}, {@code 12h}, {@code PT36H}; at least 1 hour)
 * @param encryption {@code PLATFORM} (default) or {@code PASSPHRASE}, with the passphrase in the
 *     {@code X-Backup-Passphrase} header
 */
@Schema(description = "A backup definition to create or change")
public record DefinitionRequest(
        @Schema(example = "shop nightly") String name,
        @Schema(example = "1") Long clusterId,
        Scope scope,
        @Schema(example = "30 2 * * *") String cron,
        @Schema(example = "Europe/Berlin") String timeZone,
        @Schema(example = "7") Integer keepCount,
        @Schema(example = "30d") String keepFor,
        @Schema(example = "true") Boolean enabled,

        @Schema(
                allowableValues = {"PLATFORM", "PASSPHRASE"},
                example = "PLATFORM")
        Encryption encryption) {}
