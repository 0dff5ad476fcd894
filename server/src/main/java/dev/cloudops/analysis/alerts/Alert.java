package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An alert: a condition seen on a workload against its baseline. One is open per workload and kind; repeats count in
 * {@code occurrences}. It is resolved when the condition clears.
 *
 * @param kind {@code restart-spike}, {@code warning-events}, {@code cpu-jump}, {@code memory-jump},
 *     {@code replicas-flapping}
 * @param state {@code open} or {@code resolved}
 * @param value what was observed the last time (restarts or events per interval, cores, bytes, changes)
 * @param baseline the workload's usual value it was compared with
 */
@Schema(description = "An anomaly alert on one workload")
public record Alert(
        long id,
        long clusterId,
        String clusterName,
        String namespace,
        String workloadKind,
        String workloadName,
        String kind,
        Severity severity,
        String state,
        String message,
        double value,
        double baseline,
        int occurrences,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant resolvedAt,
        String ackedBy,
        Instant ackedAt) {

    static final String OPEN = "open";
    static final String RESOLVED = "resolved";
}
