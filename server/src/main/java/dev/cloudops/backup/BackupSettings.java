package dev.cloudops.backup;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of backups ({@code cloudops.backups.*}).
 *
 * @param storageDir directory of the file storage; empty: {@code <cloudops.data-dir>/backups}
 * @param scheduleTick how often the fleet looks for due backup schedules and applies retention
 * @param maxObjects a backup with more objects than this fails rather than fill the storage
 * @param crdWait how long a restore waits for restored CRDs to be served before their custom resources
 * @param applyBatch objects a restore sends to the apply path at once (each batch is dry-run first)
 */
@ConfigurationProperties("cloudops.backups")
public record BackupSettings(
        Path storageDir,
        @DefaultValue("30s") Duration scheduleTick,
        @DefaultValue("100000") int maxObjects,
        @DefaultValue("60s") Duration crdWait,
        @DefaultValue("200") int applyBatch) {}
