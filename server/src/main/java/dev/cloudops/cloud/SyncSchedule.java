package dev.cloudops.cloud;

import java.time.Instant;
import java.util.List;

/**
 * Objects of a source cluster copied to target clusters on an interval or a cron schedule, as the owner.
 *
 * @param interval the fixed interval ({@code PT1H}), or null for a cron schedule
 * @param cron a five-field cron expression or a macro ({@code @daily}), or null for an interval
 * @param owner who created or last changed it: runs use that user's grants as they are at run time
 * @param nextRunAt null while disabled
 * @param lastJobId the job run of the latest run, with its per-object report
 */
public record SyncSchedule(
        long id,
        String name,
        long sourceClusterId,
        List<ClusterSyncService.ObjectRef> objects,
        List<Long> targetClusterIds,
        String targetNamespace,
        String interval,
        String cron,
        String timeZone,
        boolean enabled,
        long ownerId,
        String owner,
        Instant createdAt,
        Instant updatedAt,
        Instant nextRunAt,
        Instant lastRunAt,
        Long lastJobId) {

    public SyncSchedule {
        objects = List.copyOf(objects);
        targetClusterIds = List.copyOf(targetClusterIds);
    }

    /** What one run copies: a real apply, never a dry run. */
    ClusterSyncService.SyncRequest request() {
        return new ClusterSyncService.SyncRequest(sourceClusterId, objects, targetClusterIds, targetNamespace, false);
    }
}
