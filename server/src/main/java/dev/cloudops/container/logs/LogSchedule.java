package dev.cloudops.container.logs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * A schedule that saves log snapshots of chosen containers: those of a workload or a label selector in one
 * namespace, on an interval or a cron schedule, either every time or only when a container has restarted (to keep
 * the log of its crashed run before the kubelet drops it).
 *
 * @param workload {@code deployments/web} and the like, or null when a label selector chooses the pods
 * @param labelSelector the pods' label selector, or null when a workload chooses them
 * @param containers the containers to save of each pod; empty for all of them
 * @param interval the interval as an ISO-8601 duration ({@code PT15M}), or null for a cron schedule
 * @param cron a five-field cron expression or macro, or null for an interval
 * @param timeZone the zone the cron expression is read in
 * @param trigger {@code always}: save each container at every run; {@code restart}: save the previous run of each
 *     container whose restart count went up since the schedule last looked
 * @param owner the user who created or last changed it; scheduled runs read logs with that user's grants
 * @param nextRunAt when it runs next; null while disabled
 * @param lastResult {@code ok}, {@code partial} (some containers failed), {@code failed} or {@code nothing}
 *     (nothing to save), null before the first run
 * @param lastSnapshots how many snapshots the last run saved
 */
public record LogSchedule(
        long id,
        long clusterId,
        String namespace,
        String name,
        String workload,
        String labelSelector,
        List<String> containers,
        String interval,
        String cron,
        String timeZone,
        String trigger,
        Integer tailLines,
        Integer sinceSeconds,
        Integer limitBytes,
        boolean enabled,
        String owner,
        Instant createdAt,
        Instant updatedAt,
        Instant nextRunAt,
        Instant lastRunAt,
        String lastResult,
        String lastMessage,
        Integer lastSnapshots,
        @JsonIgnore long ownerId) {

    public LogSchedule {
        containers = List.copyOf(containers);
    }
}
