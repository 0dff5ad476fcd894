package dev.cloudops.platform.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One run of a long job (a backup, a verification, a restore …) and how far it got.
 *
 * @param kind what the job does, named by the feature that started it ({@code backup}, {@code restore} …)
 * @param subjectId the feature's record the job works on (a backup's id …), or null
 * @param phase what the job is doing now, in the feature's words
 * @param total items the job expects to handle (0 while unknown)
 * @param done items handled so far
 * @param failed items that failed so far
 * @param code the problem code when the job failed as a whole
 * @param result the feature's summary (JSON) once the job finished
 */
@Schema(description = "A job: its status and progress; per-item outcomes are listed separately")
public record JobRun(
        long id,
        String kind,
        Long subjectId,
        Long clusterId,

        @Schema(
                allowableValues = {"QUEUED", "RUNNING", "SUCCEEDED", "PARTIALLY_FAILED", "FAILED"},
                example = "SUCCEEDED")
        Status status,

        @Schema(example = "applying") String phase,
        long total,
        long done,
        long failed,
        @Schema(example = "archive-tampered") String code,
        String message,

        @Schema(description = "the feature's summary, a JSON object", type = "object")
        Object result,

        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** Where a job is in its life. */
    public enum Status {
        QUEUED,
        RUNNING,
        /** Finished and every item went well. */
        SUCCEEDED,
        /** Finished, but some items failed (see the items with a failure outcome). */
        PARTIALLY_FAILED,
        /** Stopped as a whole: {@code code} and {@code message} say why. */
        FAILED;

        public boolean finished() {
            return this == SUCCEEDED || this == PARTIALLY_FAILED || this == FAILED;
        }
    }

    /**
     * One item a job handled.
     *
     * @param seq its position in the job's report, from 0
     * @param subject what it was (for Kubernetes objects {@code apiVersion kind namespace/name})
     * @param outcome what happened, in the feature's words ({@code created}, {@code unchanged}, {@code failed} …)
     * @param detail why, when there is something to say
     */
    public record Item(int seq, String subject, String outcome, String detail) {}
}
