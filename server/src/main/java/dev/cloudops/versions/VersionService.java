package dev.cloudops.versions;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * YAML version control for callers: tracking, versions and history, diffs, rollback, tags and branches. Reads
 * need the read right on the object's namespace (or cluster, when it is cluster-scoped); everything that writes
 * — to the cluster or to the history — needs the write right there.
 */
@Service
public class VersionService implements VersionControl {

    /** Letters, digits, '.', '_', '-', starting with a letter or digit; not a version number nor a reserved word. */
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private static final Pattern NUMBER_LIKE = Pattern.compile("[vV]?\\d+");
    static final int MAX_TAGS = 500;

    private final VersionStore store;
    private final RefStore refs;
    private final VersionReader reader;
    private final Rollbacks rollbacks;
    private final Branches branches;
    private final Tracking tracking;
    private final AccessPolicy access;
    private final Clock clock;

    VersionService(
            VersionStore store,
            RefStore refs,
            VersionReader reader,
            Rollbacks rollbacks,
            Branches branches,
            Tracking tracking,
            AccessPolicy access,
            Clock clock) {
        this.store = store;
        this.refs = refs;
        this.reader = reader;
        this.rollbacks = rollbacks;
        this.branches = branches;
        this.tracking = tracking;
        this.access = access;
        this.clock = clock;
    }

    // --- tracking

    /** Tracks an object (its current state becomes a version); the answer says whether it was tracked already. */
    public TrackResult track(TrackRequest request) {
        return tracking.track(request);
    }

    public Page<TrackedResource> tracked(
            Long clusterId, String namespace, String kind, String name, int page, int size) {
        return tracking.list(clusterId, namespace, kind, name, page, size);
    }

    public TrackedResource trackedResource(long id) {
        return reader.tracked(reader.resource(id, Action.READ));
    }

    /** Stops capturing versions of an object; {@code purge} deletes its history too. */
    public void untrack(long id, boolean purge) {
        tracking.untrack(id, purge);
    }

    // --- versions and history

    @Override
    public Page<Version> listVersions(long resourceId, String branch, int page, int size) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        if (branch != null && !VersionRecorder.MAIN.equals(branch)) {
            reader.branch(r, branch);
        }
        return new Page<>(
                reader.views(r, store.versions(r.id(), branch, null, page * size, size)),
                page,
                size,
                store.countVersions(r.id(), branch, null));
    }

    /**
     * The line of versions a branch went through, newest first: for {@code main} (the default) what the object
     * went through on the cluster; for another branch its commits and, below them, {@code main} up to its base.
     */
    @Override
    public Page<Version> getVersionHistory(long resourceId, String branch, int page, int size) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        String line = branch == null || branch.isBlank() ? VersionRecorder.MAIN : branch;
        Integer upTo = null;
        if (!VersionRecorder.MAIN.equals(line)) {
            upTo = store.version(reader.branch(r, line).baseVersionId())
                    .map(VersionStore.VersionRow::number)
                    .orElse(0);
        }
        return new Page<>(
                reader.views(r, store.versions(r.id(), line, upTo, page * size, size)),
                page,
                size,
                store.countVersions(r.id(), line, upTo));
    }

    @Override
    public Version getVersion(long resourceId, String ref) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        return reader.full(r, reader.resolve(r, ref, "ref"));
    }

    /**
     * The differences between two versions of one resource. {@code to} defaults to the current version,
     * {@code from} to the version {@code to} follows (nothing, for the first).
     */
    public Diff diff(long resourceId, String from, String to) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        VersionStore.VersionRow b = reader.resolve(r, to, "to");
        VersionStore.VersionRow a;
        if (from == null || from.isBlank()) {
            a = b.parentId() == null ? null : store.version(b.parentId()).orElse(null);
        } else {
            a = reader.resolve(r, from, "from");
        }
        return reader.diff(r, a, r, b);
    }

    @Override
    public Diff compareVersions(long resourceId, CompareRequest request) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        VersionStore.ResourceRow other = request.toResourceId() == null || request.toResourceId() == resourceId
                ? r
                : reader.resource(request.toResourceId(), Action.READ);
        VersionStore.VersionRow a = reader.resolve(r, request.from(), "from");
        VersionStore.VersionRow b = reader.resolve(other, request.to(), "to");
        return reader.diff(r, a, other, b);
    }

    // --- rollback and branches

    @Override
    public RollbackResult rollbackToVersion(long resourceId, RollbackRequest request) {
        return rollbacks.rollback(resourceId, request);
    }

    public List<Branch> branches(long resourceId) {
        return branches.list(resourceId);
    }

    public Branch createBranch(long resourceId, BranchRequest request) {
        return branches.create(resourceId, request);
    }

    @Override
    public CommitResult createVersion(long resourceId, String branch, String manifest, String changeLog) {
        return branches.commit(resourceId, branch, manifest, changeLog);
    }

    public RollbackResult applyBranch(long resourceId, String branch, ApplyBranchRequest request) {
        return rollbacks.applyBranch(resourceId, branch, request);
    }

    // --- tags

    @Override
    public VersionTag tagVersion(long resourceId, TagRequest request) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.WRITE);
        String tag = request.tag();
        if (tag == null
                || !TAG.matcher(tag).matches()
                || NUMBER_LIKE.matcher(tag).matches()
                || tag.equals("current")) {
            throw ApiException.badRequest(
                    "invalid-tag",
                    "Tag '" + tag + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or"
                            + " digit, and neither a version number (7, v7) nor 'current'",
                    "tag");
        }
        VersionStore.VersionRow version = reader.resolve(r, request.version(), "version");
        if (refs.tag(r.id(), tag).isPresent()) {
            throw duplicateTag(r, tag);
        }
        if (refs.countTags(r.id()) >= MAX_TAGS) {
            throw ApiException.conflict(
                    "too-many-tags", "A tracked resource may have at most " + MAX_TAGS + " tags", "tag");
        }
        try {
            refs.insertTag(r.id(), version.id(), tag, access.current().username(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicateTag(r, tag);
        }
        return tagView(r, refs.tag(r.id(), tag).orElseThrow());
    }

    public List<VersionTag> tags(long resourceId) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        return refs.tags(r.id()).stream().map(t -> tagView(r, t)).toList();
    }

    public void untag(long resourceId, String tag) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.WRITE);
        if (!refs.deleteTag(r.id(), tag)) {
            throw new ApiException(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "tag-not-found",
                    "Resource " + r.id() + " has no tag '" + tag + "'",
                    "tag");
        }
    }

    private VersionTag tagView(VersionStore.ResourceRow r, RefStore.NamedRow t) {
        int number = store.version(t.versionId()).orElseThrow().number();
        return new VersionTag(t.name(), r.id(), t.versionId(), number, t.createdBy(), t.createdAt());
    }

    private static ApiException duplicateTag(VersionStore.ResourceRow r, String tag) {
        return ApiException.conflict("duplicate-tag", "Resource " + r.id() + " already has a tag '" + tag + "'", "tag");
    }
}
