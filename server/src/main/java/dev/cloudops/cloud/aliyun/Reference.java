package dev.cloudops.cloud.aliyun;

/**
 * How an ACK operation is followed, kept in {@link dev.cloudops.cloud.CloudOperation#reference()}: {@code
 * task:<id>} for an ACK task (DescribeTaskInfo), {@code upgrade:<cluster id>} for a control plane upgrade
 * (GetUpgradeStatus); anything else is a resource id whose state is watched.
 */
final class Reference {

    private static final String TASK = "task:";
    private static final String UPGRADE = "upgrade:";

    private Reference() {}

    static String task(String taskId) {
        return taskId == null || taskId.isBlank() ? null : TASK + taskId;
    }

    static String upgrade(String clusterId) {
        return UPGRADE + clusterId;
    }

    static String taskId(String reference) {
        return reference != null && reference.startsWith(TASK) ? reference.substring(TASK.length()) : null;
    }

    static String upgradedCluster(String reference) {
        return reference != null && reference.startsWith(UPGRADE) ? reference.substring(UPGRADE.length()) : null;
    }
}
