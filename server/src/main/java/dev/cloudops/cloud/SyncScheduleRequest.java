package dev.cloudops.cloud;

import java.util.List;

/**
 * A sync schedule to create, or to replace as a whole. Exactly one of {@code interval} ({@code 15m}, {@code 2h};
 * 1 minute to 30 days) and {@code cron} is given; {@code timeZone} defaults to UTC; {@code enabled} to true.
 */
public record SyncScheduleRequest(
        String name,
        Long sourceClusterId,
        List<ClusterSyncService.ObjectRef> objects,
        List<Long> targetClusterIds,
        String targetNamespace,
        String interval,
        String cron,
        String timeZone,
        Boolean enabled) {

    ClusterSyncService.SyncRequest syncRequest() {
        return new ClusterSyncService.SyncRequest(sourceClusterId, objects, targetClusterIds, targetNamespace, false);
    }
}
