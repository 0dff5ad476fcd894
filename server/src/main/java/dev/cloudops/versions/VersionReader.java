package dev.cloudops.versions;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reading tracked resources and their versions for a caller: the access check, version refs, and the views the
 * API answers with.
 */
@Component
class VersionReader {

    private static final Pattern NUMBER = Pattern.compile("[vV]?(\\d{1,9})");
    static final String BRANCH_REF = "branch:";

    private final VersionStore store;
    private final RefStore refs;
    private final AccessPolicy access;

    VersionReader(VersionStore store, RefStore refs, AccessPolicy access) {
        this.store = store;
        this.refs = refs;
        this.access = access;
    }

    /**
     * The tracked resource, if the caller may do {@code action} in its namespace (or cluster, when it is
     * cluster-scoped): 404 when it does not exist or the caller holds no grant on its cluster, 403 otherwise.
     */
    VersionStore.ResourceRow resource(long id, Action action) {
        VersionStore.ResourceRow r = store.resource(id)
                .filter(row -> access.canSee(row.key().clusterId()))
                .orElseThrow(() -> ApiException.notFound("tracked-resource-not-found", "No tracked resource " + id));
        access.require(action, r.key().clusterId(), r.key().namespaceOrNull());
        return r;
    }

    /**
     * The version a ref names: {@code current} (also when the ref is empty), a number ({@code 7}, {@code v7}),
     * {@code branch:NAME} for a branch's head, or a tag. 404 {@code version-not-found} naming {@code field}.
     */
    VersionStore.VersionRow resolve(VersionStore.ResourceRow r, String ref, String field) {
        String name = ref == null || ref.isBlank() ? "current" : ref.trim();
        java.util.Optional<VersionStore.VersionRow> found;
        var number = NUMBER.matcher(name);
        if (name.equals("current")) {
            found = store.current(r.id());
        } else if (number.matches()) {
            found = store.version(r.id(), Integer.parseInt(number.group(1)));
        } else if (name.startsWith(BRANCH_REF)) {
            return branchHead(r, name.substring(BRANCH_REF.length()), field);
        } else {
            found = refs.tag(r.id(), name).flatMap(t -> store.version(t.versionId()));
        }
        return found.orElseThrow(() -> new ApiException(
                org.springframework.http.HttpStatus.NOT_FOUND,
                "version-not-found",
                "Resource " + r.id() + " has no version '" + name + "'",
                field));
    }

    /** The newest version of a branch ({@code main}: the newest the cluster went through). */
    VersionStore.VersionRow branchHead(VersionStore.ResourceRow r, String branch, String field) {
        if (VersionRecorder.MAIN.equals(branch)) {
            return store.latestOn(r.id(), VersionRecorder.MAIN)
                    .orElseThrow(() -> new ApiException(
                            org.springframework.http.HttpStatus.NOT_FOUND,
                            "version-not-found",
                            "Resource " + r.id() + " has no version yet",
                            field));
        }
        RefStore.NamedRow row = branch(r, branch);
        return store.version(row.versionId()).orElseThrow();
    }

    RefStore.NamedRow branch(VersionStore.ResourceRow r, String branch) {
        return refs.branch(r.id(), branch)
                .orElseThrow(() -> new ApiException(
                        org.springframework.http.HttpStatus.NOT_FOUND,
                        "branch-not-found",
                        "Resource " + r.id() + " has no branch '" + branch + "'",
                        "branch"));
    }

    TrackedResource tracked(VersionStore.ResourceRow r) {
        var current = store.current(r.id());
        return new TrackedResource(
                r.id(),
                r.key().clusterId(),
                r.apiVersion(),
                r.key().kind(),
                r.key().namespaceOrNull(),
                r.key().name(),
                r.tracking(),
                r.autoTracked(),
                current.map(VersionStore.VersionRow::number).orElse(null),
                current.map(VersionStore.VersionRow::deleted).orElse(false),
                r.createdBy(),
                r.createdAt());
    }

    /** Versions without content, with their tags. */
    List<Version> views(VersionStore.ResourceRow r, List<VersionStore.VersionRow> rows) {
        Map<Long, List<String>> tags =
                refs.tagsOf(rows.stream().map(VersionStore.VersionRow::id).toList());
        return rows.stream()
                .map(v -> view(r, v, tags.getOrDefault(v.id(), List.of()), null, null))
                .toList();
    }

    Version view(VersionStore.ResourceRow r, VersionStore.VersionRow v) {
        return views(r, List.of(v)).get(0);
    }

    /** One version with its YAML and its unified diff from its parent. */
    Version full(VersionStore.ResourceRow r, VersionStore.VersionRow v) {
        VersionStore.Content content = store.content(v.id());
        VersionStore.VersionRow parent =
                v.parentId() == null ? null : store.version(v.parentId()).orElse(null);
        String diff = VersionDiff.compute(side(r, parent), side(r, v, content)).unified();
        List<String> tags = refs.tagsOf(List.of(v.id())).getOrDefault(v.id(), List.of());
        return view(r, v, tags, content.yaml(), diff);
    }

    private static Version view(
            VersionStore.ResourceRow r, VersionStore.VersionRow v, List<String> tags, String yaml, String diff) {
        return new Version(
                v.id(),
                r.id(),
                r.key().kind(),
                v.number(),
                Version.label(v.number()),
                v.branch(),
                v.parentNumber(),
                v.hash(),
                v.createdBy(),
                v.source(),
                v.changeLog(),
                v.summary(),
                v.linesAdded(),
                v.linesRemoved(),
                tags,
                v.current(),
                v.deleted(),
                v.createdAt(),
                yaml,
                diff);
    }

    /** The differences between two versions (a null {@code from}: nothing, before the first version). */
    Diff diff(
            VersionStore.ResourceRow fromResource,
            VersionStore.VersionRow from,
            VersionStore.ResourceRow toResource,
            VersionStore.VersionRow to) {
        VersionDiff.Side a = side(fromResource, from);
        VersionDiff.Side b = side(toResource, to);
        return diff(a, diffSide(fromResource, from), b, diffSide(toResource, to));
    }

    static Diff diff(VersionDiff.Side a, Diff.Side aSide, VersionDiff.Side b, Diff.Side bSide) {
        VersionDiff.Result d = VersionDiff.compute(a, b);
        return new Diff(
                aSide, bSide, d.identical(), d.summary(), d.linesAdded(), d.linesRemoved(), d.unified(), d.patch());
    }

    VersionDiff.Side side(VersionStore.ResourceRow r, VersionStore.VersionRow v) {
        return v == null ? VersionDiff.Side.absent(label(r) + "@none") : side(r, v, store.content(v.id()));
    }

    private static VersionDiff.Side side(
            VersionStore.ResourceRow r, VersionStore.VersionRow v, VersionStore.Content content) {
        return new VersionDiff.Side(label(r) + "@" + Version.label(v.number()), content.yaml(), content.json());
    }

    static Diff.Side diffSide(VersionStore.ResourceRow r, VersionStore.VersionRow v) {
        return v == null
                ? new Diff.Side(r.id(), null, null, null, label(r) + "@none")
                : new Diff.Side(
                        r.id(),
                        v.number(),
                        Version.label(v.number()),
                        v.hash(),
                        label(r) + "@" + Version.label(v.number()));
    }

    /** How diffs name an object: {@code deployment.apps/shop/web}, {@code clusterrole.rbac.authorization.k8s.io/_/view}. */
    static String label(VersionStore.ResourceRow r) {
        ObjectKey k = r.key();
        String kind = k.kind().toLowerCase(Locale.ROOT) + (k.group().isEmpty() ? "" : "." + k.group());
        return kind + "/" + (k.namespace().isEmpty() ? "_" : k.namespace()) + "/" + k.name();
    }
}
