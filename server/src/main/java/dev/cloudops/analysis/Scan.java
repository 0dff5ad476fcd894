package dev.cloudops.analysis;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored scan of a cluster: what was asked, how far it got and, once it succeeded, its report without the
 * findings (those are paged separately).
 *
 * @param namespace the one namespace scanned, or null for every namespace the starter could read
 * @param analyzers the analyzers asked for; empty: every analyzer
 * @param ran the analyzers that ran
 * @param jobId the job that runs the scan (GET /api/jobs is not needed: phase and progress are here)
 * @param code the problem code when the scan failed
 */
@Schema(description = "A scan: its status and progress, and once finished its summary, scores and notes")
public record Scan(
        long id,
        long clusterId,
        String namespace,
        List<String> analyzers,
        List<String> ran,
        String createdBy,

        @Schema(
                allowableValues = {"QUEUED", "RUNNING", "SUCCEEDED", "FAILED"},
                example = "SUCCEEDED")
        String status,

        @Schema(example = "analyzing health") String phase,
        long progressDone,
        long progressTotal,
        @Schema(example = "cluster-unreachable") String code,
        String message,
        Long jobId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Integer objectsExamined,
        Integer findings,

        @Schema(description = "findings per severity; every severity listed")
        Map<Severity, Integer> bySeverity,

        @Schema(description = "findings per category; every category listed")
        Map<Category, Integer> byCategory,

        @Schema(description = "0-100 per category; see docs/analysis.md for the formula")
        Map<Category, Integer> scores,

        List<String> notes) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    /** The same scan with the progress of its job. */
    Scan withProgress(String phase, long done, long total) {
        return new Scan(
                id,
                clusterId,
                namespace,
                analyzers,
                ran,
                createdBy,
                status,
                phase,
                done,
                total,
                code,
                message,
                jobId,
                createdAt,
                startedAt,
                finishedAt,
                objectsExamined,
                findings,
                bySeverity,
                byCategory,
                scores,
                notes);
    }
}
