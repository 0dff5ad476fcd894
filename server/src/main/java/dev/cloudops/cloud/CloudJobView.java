package dev.cloudops.cloud;

import java.time.Instant;

/**
 * A long cloud operation followed by the platform until the cloud says it ended.
 *
 * @param kind what it does ({@code CREATE_CLUSTER}, {@code UPDATE_NODE_GROUP} …)
 * @param target what it works on: the cluster, {@code cluster/nodegroup}, with the target version if any
 * @param phase the cloud's last word on it (CREATING, InProgress, ACTIVE …)
 * @param message what happened: a failure's reason, or what was done at the end (registered as cluster 7 …)
 * @param errorCode the problem code of a failure ({@code cloud-auth-failed}, {@code job-timeout} …)
 * @param polls how many times the cloud was asked
 */
public record CloudJobView(
        long id,
        long accountId,
        Long cloudClusterId,
        CloudOperation.OperationKind kind,
        String target,
        Status status,
        String phase,
        String message,
        String errorCode,
        int polls,
        String startedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    /** Running until it succeeded or failed. */
    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED
    }
}
