package dev.cloudops.kube;

/** What applying one document did (or, in a dry run, would do). */
public record ApplyOutcome(int index, String apiVersion, String kind, String namespace, String name, Result result) {

    /** Created: it did not exist. Configured: it differed and was replaced. Unchanged: nothing was written. */
    public enum Result {
        CREATED,
        CONFIGURED,
        UNCHANGED
    }
}
