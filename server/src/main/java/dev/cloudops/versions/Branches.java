package dev.cloudops.versions;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.yaml.SafeYaml;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Branches: named lines of versions of one tracked resource besides {@code main}. A branch starts from a version;
 * commits add versions to it without touching the cluster; applying its head (see {@link Rollbacks}) records a new
 * version on {@code main}.
 */
@Component
class Branches {

    /** Lower-case letters, digits, '.', '_' and '-', starting and ending with a letter or digit; at most 63. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

    static final int MAX_BRANCHES = 100;
    private static final int MAX_MANIFEST_CHARS = 3 * 1024 * 1024;

    private final VersionStore store;
    private final RefStore refs;
    private final VersionReader reader;
    private final VersionRecorder recorder;
    private final AccessPolicy access;
    private final TransactionTemplate tx;
    private final Clock clock;

    Branches(
            VersionStore store,
            RefStore refs,
            VersionReader reader,
            VersionRecorder recorder,
            AccessPolicy access,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.refs = refs;
        this.reader = reader;
        this.recorder = recorder;
        this.access = access;
        this.tx = tx;
        this.clock = clock;
    }

    /** {@code main} first, then the others by name. */
    List<Branch> list(long resourceId) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.READ);
        List<Branch> out = new ArrayList<>();
        store.latestOn(r.id(), VersionRecorder.MAIN)
                .ifPresent(head -> out.add(new Branch(
                        VersionRecorder.MAIN, r.id(), null, head.number(), head.hash(), r.createdBy(), r.createdAt())));
        for (RefStore.NamedRow row : refs.branches(r.id())) {
            out.add(view(r, row));
        }
        return out;
    }

    Branch create(long resourceId, VersionControl.BranchRequest request) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.WRITE);
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest(
                    "invalid-branch-name",
                    "Branch name '" + name + "' must be 1-63 lower-case letters, digits, '.', '_' or '-', starting"
                            + " and ending with a letter or digit",
                    "name");
        }
        if (VersionRecorder.MAIN.equals(name) || refs.branch(r.id(), name).isPresent()) {
            throw duplicate(r, name);
        }
        if (refs.branches(r.id()).size() >= MAX_BRANCHES) {
            throw ApiException.conflict(
                    "too-many-branches", "A tracked resource may have at most " + MAX_BRANCHES + " branches", "name");
        }
        VersionStore.VersionRow base = reader.resolve(r, request.from(), "from");
        if (base.deleted()) {
            throw ApiException.badRequest(
                    "version-is-deletion",
                    Version.label(base.number()) + " records the object's deletion; branch from a version with content",
                    "from");
        }
        try {
            refs.insertBranch(r.id(), name, base.id(), access.current().username(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw duplicate(r, name);
        }
        return view(r, refs.branch(r.id(), name).orElseThrow());
    }

    /**
     * Adds a manifest to a branch as a new version, unless it equals the branch's head. The manifest must be the
     * same object (apiVersion group, kind, namespace, name); Secrets cannot be committed (their values are only
     * taken from the cluster, and sealed).
     */
    VersionControl.CommitResult commit(long resourceId, String branch, String manifest, String changeLog) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.WRITE);
        if (VersionRecorder.MAIN.equals(branch)) {
            throw ApiException.badRequest(
                    "branch-is-live",
                    "main follows the live object: commit on another branch, then apply its head",
                    "branch");
        }
        RefStore.NamedRow row = reader.branch(r, branch);
        if (r.key().isSecret()) {
            throw ApiException.badRequest(
                    "secret-not-committable",
                    "Secrets cannot be committed: their values are only taken from the cluster, and kept sealed",
                    "body");
        }
        Map<String, Object> object = parse(manifest);
        checkSameObject(r, object);
        VersionRecorder.Stable stable = recorder.stable(r.key(), object);
        String by = access.current().username();
        String log = changeLog == null || changeLog.isBlank() ? "commit on " + branch + " by " + by : changeLog;
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<VersionStore.VersionRow> added =
                        tx.execute(status -> commitOnce(r, row.id(), branch, stable, by, log));
                if (added.isPresent()) {
                    return new VersionControl.CommitResult(true, reader.full(r, added.get()));
                }
                VersionStore.VersionRow head = reader.branchHead(r, branch, "branch");
                return new VersionControl.CommitResult(false, reader.full(r, head));
            } catch (DuplicateKeyException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private Optional<VersionStore.VersionRow> commitOnce(
            VersionStore.ResourceRow r,
            long branchId,
            String branch,
            VersionRecorder.Stable stable,
            String by,
            String changeLog) {
        store.lock(r.id());
        VersionStore.VersionRow head = reader.branchHead(r, branch, "branch");
        if (head.hash().equals(stable.hash())) {
            return Optional.empty();
        }
        VersionDiff.Result diff = VersionDiff.compute(
                VersionRecorder.side(store.content(head.id())), VersionRecorder.side(stable.content()));
        long id = store.insertVersion(new VersionStore.NewVersion(
                r.id(),
                store.maxNumber(r.id()) + 1,
                branch,
                head.id(),
                stable.hash(),
                stable.content(),
                false,
                false,
                by,
                "commit",
                VersionRecorder.cut(changeLog),
                diff.summary(),
                diff.linesAdded(),
                diff.linesRemoved(),
                clock.instant()));
        if (!refs.moveBranch(branchId, head.id(), id)) {
            throw new DuplicateKeyException("branch " + branch + " moved meanwhile"); // retried
        }
        return store.version(id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String manifest) {
        if (manifest == null || manifest.isBlank()) {
            throw ApiException.badRequest("empty-manifest", "The manifest is empty", "body");
        }
        List<Object> documents = new ArrayList<>();
        try {
            for (Object doc : SafeYaml.documents(manifest, MAX_MANIFEST_CHARS)) {
                if (doc != null) {
                    documents.add(doc);
                }
            }
        } catch (YAMLException e) {
            throw ApiException.badRequest(
                    "invalid-yaml", "The manifest is not valid YAML: " + SafeYaml.describe(e), "body");
        }
        if (documents.size() != 1 || !(documents.get(0) instanceof Map<?, ?>)) {
            throw ApiException.unprocessable(
                    "invalid-document", "A commit is one object: one YAML or JSON document, a mapping", "body");
        }
        return (Map<String, Object>) documents.get(0);
    }

    private static void checkSameObject(VersionStore.ResourceRow r, Map<String, Object> object) {
        ObjectKey k = r.key();
        Map<?, ?> metadata = ObjectKey.metadata(object);
        String namespace = metadata.get("namespace") == null
                ? k.namespace()
                : metadata.get("namespace").toString();
        boolean same = Objects.equals(ObjectKey.groupOf(String.valueOf(object.get("apiVersion"))), k.group())
                && Objects.equals(object.get("kind"), k.kind())
                && Objects.equals(metadata.get("name"), k.name())
                && Objects.equals(namespace, k.namespace());
        if (!same) {
            throw ApiException.badRequest(
                    "object-mismatch",
                    "The manifest is not " + VersionReader.label(r) + ": its apiVersion group, kind, namespace and"
                            + " name must be the tracked object's",
                    "body");
        }
        if (metadata.get("namespace") == null && !k.namespace().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) object.get("metadata");
            meta.put("namespace", k.namespace()); // as apply would place it
        }
    }

    private Branch view(VersionStore.ResourceRow r, RefStore.NamedRow row) {
        VersionStore.VersionRow head = store.version(row.versionId()).orElseThrow();
        Integer base = store.version(row.baseVersionId())
                .map(VersionStore.VersionRow::number)
                .orElse(null);
        return new Branch(row.name(), r.id(), base, head.number(), head.hash(), row.createdBy(), row.createdAt());
    }

    private static ApiException duplicate(VersionStore.ResourceRow r, String name) {
        return ApiException.conflict(
                "duplicate-branch", "Resource " + r.id() + " already has a branch '" + name + "'", "name");
    }
}
