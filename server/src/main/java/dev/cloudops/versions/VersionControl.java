package dev.cloudops.versions;

import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The plan's VersionControl interface: versions of a tracked resource, addressed by the resource's numeric id and
 * a version ref — a number ({@code 7} or {@code v7}), {@code current}, a tag, or {@code branch:NAME} for a
 * branch's head. Every method checks the caller's rights on the object's cluster and namespace.
 */
public interface VersionControl {

    /** Commits a manifest as a new version on a branch, without applying it (the plan's CreateVersion). */
    CommitResult createVersion(long resourceId, String branch, String manifest, String changeLog);

    /** One version with its YAML and its diff from the parent (GetVersion). */
    Version getVersion(long resourceId, String ref);

    /** Versions, newest first, on one branch or all (ListVersions). */
    Page<Version> listVersions(long resourceId, String branch, int page, int size);

    /** Differences between a version of this resource and a version of it or of another (CompareVersions). */
    Diff compareVersions(long resourceId, CompareRequest request);

    /** Puts the live object back to a version, through the resource apply path (RollbackToVersion). */
    RollbackResult rollbackToVersion(long resourceId, RollbackRequest request);

    /** Names a version (TagVersion). */
    VersionTag tagVersion(long resourceId, TagRequest request);

    /** The line of versions a branch went through, newest first (GetVersionHistory). */
    Page<Version> getVersionHistory(long resourceId, String branch, int page, int size);

    /**
     * What to compare.
     *
     * @param from a ref of this resource (default {@code current})
     * @param to a ref of {@code toResourceId} (default {@code current})
     * @param toResourceId another tracked resource to compare with (default: this one)
     */
    record CompareRequest(
            @Schema(example = "v3") String from,
            @Schema(example = "current") String to,
            @Schema(example = "42") Long toResourceId) {}

    /**
     * A rollback. Name the target by {@code to} (a ref) or {@code versionId} (a version's own id), not both.
     *
     * @param expectedVersion the number of the current version the caller saw; refused (409 live-changed) when it
     *     is no longer current. Whether or not it is given, the live object must still equal the current version.
     * @param force roll back even though the live object or the current version changed
     * @param dryRun only preview: the server-side dry run and the diff from the live object, nothing written
     */
    record RollbackRequest(
            @Schema(example = "v3") String to,
            Long versionId,
            @Schema(example = "7") Integer expectedVersion,
            Boolean force,
            Boolean dryRun,
            @Schema(example = "bad config in v7") String changeLog) {

        public boolean forced() {
            return Boolean.TRUE.equals(force);
        }

        public boolean preview() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /**
     * What a rollback (or a branch apply) did or, in a dry run, would do.
     *
     * @param outcome CREATED (the object was gone), CONFIGURED or UNCHANGED (already equal: nothing written)
     * @param target the version rolled back to
     * @param diff from the live object to the target
     * @param version the new current version it recorded; null in a dry run or when unchanged
     */
    record RollbackResult(boolean dryRun, ApplyOutcome.Result outcome, Version target, Diff diff, Version version) {}

    /**
     * A tag.
     *
     * @param version the ref of the version to tag (default {@code current})
     */
    record TagRequest(
            @Schema(example = "release-42") String tag,
            @Schema(example = "current") String version) {}

    /**
     * A new branch.
     *
     * @param from the ref of the version it starts from (default {@code current})
     */
    record BranchRequest(
            @Schema(example = "canary") String name,
            @Schema(example = "v5") String from) {}

    /**
     * Applying a branch's head: the checks and preview of a rollback.
     *
     * @param expectedVersion as for a rollback
     */
    record ApplyBranchRequest(Integer expectedVersion, Boolean force, Boolean dryRun, String changeLog) {

        public boolean forced() {
            return Boolean.TRUE.equals(force);
        }

        public boolean preview() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /**
     * What a commit did.
     *
     * @param created false when the manifest equals the branch's head: no version was added
     */
    record CommitResult(boolean created, Version version) {}

    /**
     * What tracking did.
     *
     * @param created false when the object was tracked already
     */
    record TrackResult(boolean created, TrackedResource resource) {}

    /**
     * What to track.
     *
     * @param kind any name kubectl accepts ({@code deploy}, {@code deployments.apps}, a CRD's plural)
     * @param namespace the object's namespace; omit or {@code _} for cluster-scoped kinds
     */
    record TrackRequest(
            @Schema(example = "1") Long clusterId,
            @Schema(example = "deployments") String kind,
            @Schema(example = "shop") String namespace,
            @Schema(example = "web") String name) {}
}
