package dev.cloudops.resource;

import java.util.Map;

/**
 * Published after the platform changed a Kubernetes object for a user (not in a dry run), in the caller's
 * thread, once per object written. Listeners must not fail the change that was already made.
 *
 * @param namespace the object's namespace, or null for a cluster-scoped kind
 * @param object the object as the API server answered the write; null after a delete
 * @param username who asked for it
 * @param cause why, when the caller said so (a rollback names its version); null for plain calls
 */
public record ObjectChanged(
        long clusterId,
        String apiVersion,
        String kind,
        String namespace,
        String name,
        Map<String, Object> object,
        String username,
        Operation operation,
        ChangeCause cause) {

    /** What the platform did to the object. */
    public enum Operation {
        APPLY,
        REPLACE,
        SCALE,
        RESTART,
        DELETE
    }

    /**
     * Why a change was made, for listeners that keep a history.
     *
     * @param source a short word for the kind of change ({@code rollback}, {@code branch-apply})
     * @param changeLog a human line (e.g. "rollback to v7 by alice")
     */
    public record ChangeCause(String source, String changeLog) {}
}
