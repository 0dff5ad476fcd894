package dev.cloudops.cloud;

/**
 * A long operation the cloud accepted, as much as a provider needs to poll it later (on any replica, after a
 * restart): stored as JSON in the job.
 *
 * @param kind what was asked
 * @param cluster the cluster's name in the cloud
 * @param nodeGroup the node group, for node group operations
 * @param reference the cloud's id of the operation when it has one (EKS update id, CCE job id, ACK task id)
 * @param target the state the operation should reach, e.g. the new version, for the job's report
 */
public record CloudOperation(OperationKind kind, String cluster, String nodeGroup, String reference, String target) {

    /** What a long operation does. */
    public enum OperationKind {
        CREATE_CLUSTER,
        UPDATE_CLUSTER,
        DELETE_CLUSTER,
        CREATE_NODE_GROUP,
        UPDATE_NODE_GROUP,
        DELETE_NODE_GROUP
    }
}
