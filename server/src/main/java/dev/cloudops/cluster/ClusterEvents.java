package dev.cloudops.cluster;

import java.time.Instant;

/** Records published about clusters. */
public final class ClusterEvents {

    private ClusterEvents() {}

    /** A change of a cluster's health status, as kept in its history. */
    public record StatusChange(ClusterStatus from, ClusterStatus to, String message, Instant at) {}

    /** Published after a cluster was removed from the registry, so features can drop what they hold for it. */
    public record ClusterDeleted(long clusterId, String name) {}
}
