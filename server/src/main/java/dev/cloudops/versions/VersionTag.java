package dev.cloudops.versions;

import java.time.Instant;

/** A name given to a version, unique per tracked resource. */
public record VersionTag(
        String tag, long resourceId, long versionId, int number, String createdBy, Instant createdAt) {}
