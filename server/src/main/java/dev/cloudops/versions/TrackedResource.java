package dev.cloudops.versions;

import java.time.Instant;

/**
 * A Kubernetes object under version control.
 *
 * @param id the numeric id the version endpoints take
 * @param namespace null for a cluster-scoped object
 * @param tracking false once untracked: the history stays, nothing more is captured
 * @param autoTracked true when it was taken up because its kind is tracked automatically
 * @param currentVersion the number of the version the live object is at (null before the first capture)
 * @param deleted true when the current version records the object's deletion
 */
public record TrackedResource(
        long id,
        long clusterId,
        String apiVersion,
        String kind,
        String namespace,
        String name,
        boolean tracking,
        boolean autoTracked,
        Integer currentVersion,
        boolean deleted,
        String createdBy,
        Instant createdAt) {}
