package dev.cloudops.cloud.aliyun;

import dev.cloudops.cloud.CloudOperation;
import dev.cloudops.cloud.CloudStatus;
import dev.cloudops.cloud.OperationProgress;
import dev.cloudops.cloud.aliyun.AckMapping.AckCluster;
import java.util.HashMap;
import java.util.Locale;

/**
 * Where a long ACK cluster operation stands: a creation by the cluster's state ({@code initial} → {@code
 * running}), a deletion until the cluster is gone, an upgrade by GetUpgradeStatus, a settings change by its task.
 */
final class AckPolls {

    private AckPolls() {}

    /** By the cluster's state ({@code initial} → {@code running}); the task tells why when it failed. */
    static OperationProgress create(AliyunClients.Bundle b, String region, CloudOperation op) throws Exception {
        var found = AckApi.findCluster(b, region, op.cluster());
        if (found.isEmpty()) {
            return OperationProgress.failed("NOT_FOUND", "The cluster disappeared while it was being created");
        }
        AckCluster c = found.get();
        String phase = phase(c.state());
        CloudStatus status = AckMapping.status(c.state());
        if (status == CloudStatus.FAILED) {
            String task = Reference.taskId(op.reference());
            String why = task == null
                    ? "ACK reports the cluster " + c.state()
                    : AckApi.task(b, task).message();
            return OperationProgress.failed(phase, why == null ? "ACK reports the cluster " + c.state() : why);
        }
        if (status == CloudStatus.ACTIVE) {
            return OperationProgress.succeeded(phase);
        }
        if (status == CloudStatus.DELETING || status == CloudStatus.DELETED) {
            return OperationProgress.failed(phase, "The cluster is being deleted");
        }
        return OperationProgress.running(phase);
    }

    static OperationProgress delete(AliyunClients.Bundle b, String region, CloudOperation op) throws Exception {
        var found = AckApi.findCluster(b, region, op.reference() != null ? op.reference() : op.cluster());
        if (found.isEmpty()) {
            return OperationProgress.succeeded("DELETED");
        }
        AckCluster c = found.get();
        CloudStatus status = AckMapping.status(c.state());
        if (status == CloudStatus.DELETED) {
            return OperationProgress.succeeded(phase(c.state()));
        }
        if (status == CloudStatus.FAILED) {
            return OperationProgress.failed(phase(c.state()), "ACK could not delete the cluster (" + c.state() + ")");
        }
        return OperationProgress.running(phase(c.state()));
    }

    static OperationProgress update(AliyunClients.Bundle b, CloudOperation op) throws Exception {
        String upgraded = Reference.upgradedCluster(op.reference());
        if (upgraded != null) {
            var status = b.cs().getUpgradeStatusWithOptions(upgraded, new HashMap<>(), b.runtime())
                    .getBody();
            String state = status.status == null ? "unknown" : status.status;
            String phase = phase(state);
            return switch (state.toLowerCase(Locale.ROOT)) {
                case "success" -> OperationProgress.succeeded(phase);
                case "failed", "fail", "canceled" ->
                    OperationProgress.failed(
                            phase,
                            status.errorMessage == null || status.errorMessage.isBlank()
                                    ? "ACK reports the upgrade " + state
                                    : status.errorMessage);
                default -> OperationProgress.running(phase);
            };
        }
        String task = Reference.taskId(op.reference());
        // ModifyCluster without a task changed the settings at once.
        return task == null ? OperationProgress.succeeded("MODIFIED") : AckApi.task(b, task);
    }

    private static String phase(String state) {
        return state == null ? "UNKNOWN" : state.toUpperCase(Locale.ROOT);
    }
}
