package dev.cloudops.versions;

import java.time.Instant;

/**
 * A named line of versions of one tracked resource. {@code main} is the line the cluster follows (its head is the
 * current version); other branches start from a version (base) and grow by commits that are not applied until
 * their head is.
 *
 * @param base the number of the version the branch was created from (null for main)
 * @param head the number of the branch's newest version
 */
public record Branch(
        String name, long resourceId, Integer base, int head, String headHash, String createdBy, Instant createdAt) {}
