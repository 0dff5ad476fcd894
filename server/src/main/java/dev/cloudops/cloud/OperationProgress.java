package dev.cloudops.cloud;

/**
 * Where a long cloud operation stands.
 *
 * @param phase the cloud's own word for it (CREATING, InProgress …)
 * @param message a reason, mainly for failures
 */
public record OperationProgress(State state, String phase, String message) {

    /** Running until the cloud says it succeeded or failed. */
    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public static OperationProgress running(String phase) {
        return new OperationProgress(State.RUNNING, phase, null);
    }

    public static OperationProgress succeeded(String phase) {
        return new OperationProgress(State.SUCCEEDED, phase, null);
    }

    public static OperationProgress failed(String phase, String message) {
        return new OperationProgress(State.FAILED, phase, message);
    }
}
