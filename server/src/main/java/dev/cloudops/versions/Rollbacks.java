package dev.cloudops.versions;

import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.Action;
import dev.cloudops.resource.ObjectChanged;
import dev.cloudops.resource.ResourceService;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Puts a tracked object back to a stored version — a rollback, or a branch's head — through the resource apply
 * path: the caller's write right is checked, the object is dry-run on the API server first and then replaced as a
 * whole, so fields added since that version go too. Refused with 409 {@code live-changed} when the current version
 * is not the one the caller saw, or the live object no longer equals it (a change not made through the platform),
 * unless forced. The write is an {@link ObjectChanged} like any other, and so becomes a new version with the
 * cause as its change log ("rollback to v7 by alice").
 */
@Component
class Rollbacks {

    private final VersionStore store;
    private final VersionReader reader;
    private final VersionRecorder recorder;
    private final SecretValues secrets;
    private final ResourceService resources;
    private final AccessPolicy access;
    private final AutoTracking auto;

    Rollbacks(
            VersionStore store,
            VersionReader reader,
            VersionRecorder recorder,
            SecretValues secrets,
            ResourceService resources,
            AccessPolicy access,
            AutoTracking auto) {
        this.store = store;
        this.reader = reader;
        this.recorder = recorder;
        this.secrets = secrets;
        this.resources = resources;
        this.access = access;
        this.auto = auto;
    }

    VersionControl.RollbackResult rollback(long resourceId, VersionControl.RollbackRequest request) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.WRITE);
        VersionStore.VersionRow target;
        if (request.versionId() != null) {
            if (request.to() != null && !request.to().isBlank()) {
                throw ApiException.badRequest(
                        "invalid-field", "Name the target by 'to' or by 'versionId', not both", "versionId");
            }
            target = store.version(request.versionId())
                    .orElseThrow(() -> new ApiException(
                            org.springframework.http.HttpStatus.NOT_FOUND,
                            "version-not-found",
                            "No version " + request.versionId(),
                            "versionId"));
            if (target.resourceId() != r.id()) {
                throw ApiException.badRequest(
                        "version-of-other-resource",
                        "Version " + request.versionId() + " belongs to tracked resource " + target.resourceId()
                                + ", not to " + r.id() + "; compare them instead",
                        "versionId");
            }
        } else {
            if (request.to() == null || request.to().isBlank()) {
                throw ApiException.badRequest("invalid-field", "Name the version to roll back to: 'to'", "to");
            }
            target = reader.resolve(r, request.to(), "to");
        }
        String by = access.current().username();
        String changeLog = "rollback to " + Version.label(target.number()) + " by " + by
                + (request.changeLog() == null || request.changeLog().isBlank() ? "" : ": " + request.changeLog());
        return restore(
                r,
                target,
                request.expectedVersion(),
                request.forced(),
                request.preview(),
                new ObjectChanged.ChangeCause("rollback", VersionRecorder.cut(changeLog)));
    }

    VersionControl.RollbackResult applyBranch(
            long resourceId, String branch, VersionControl.ApplyBranchRequest request) {
        VersionStore.ResourceRow r = reader.resource(resourceId, Action.WRITE);
        VersionStore.VersionRow head = reader.branchHead(r, branch, "branch");
        String by = access.current().username();
        String changeLog = "apply branch " + branch + " (" + Version.label(head.number()) + ") by " + by
                + (request.changeLog() == null || request.changeLog().isBlank() ? "" : ": " + request.changeLog());
        return restore(
                r,
                head,
                request.expectedVersion(),
                request.forced(),
                request.preview(),
                new ObjectChanged.ChangeCause("branch-apply", VersionRecorder.cut(changeLog)));
    }

    private VersionControl.RollbackResult restore(
            VersionStore.ResourceRow r,
            VersionStore.VersionRow target,
            Integer expectedVersion,
            boolean force,
            boolean dryRun,
            ObjectChanged.ChangeCause cause) {
        if (!r.tracking()) {
            throw ApiException.conflict(
                    "not-tracking", "Resource " + r.id() + " is no longer tracked; track it again first", null);
        }
        if (target.deleted()) {
            throw ApiException.badRequest(
                    "version-is-deletion",
                    Version.label(target.number()) + " records the object's deletion; choose a version with content",
                    "to");
        }
        VersionStore.VersionRow current = store.current(r.id()).orElseThrow();
        if (!force && expectedVersion != null && expectedVersion != current.number()) {
            throw liveChanged("The current version is " + Version.label(current.number()) + ", not "
                    + Version.label(expectedVersion) + ": the object changed since you looked");
        }
        ObjectKey key = r.key();
        var type = auto.preferred(key.clusterId(), key.group(), key.kind());
        Map<String, Object> live = live(r, type.plural());
        VersionRecorder.Stable liveStable = recorder.stable(key, live);
        if (!force && !liveStable.hash().equals(current.hash())) {
            throw liveChanged("The live object differs from " + Version.label(current.number())
                    + ", the current version: it was changed on the cluster and that change is not recorded yet;"
                    + " look at it, or force");
        }
        VersionStore.Content content = store.content(target.id());
        Diff diff = VersionReader.diff(
                live == null
                        ? VersionDiff.Side.absent(VersionReader.label(r) + "@live")
                        : new VersionDiff.Side(
                                VersionReader.label(r) + "@live",
                                liveStable.content().yaml(),
                                liveStable.content().json()),
                new Diff.Side(r.id(), null, "live", liveStable.hash(), VersionReader.label(r) + "@live"),
                reader.side(r, target),
                VersionReader.diffSide(r, target));
        Version targetView = reader.view(r, target);
        if (liveStable.hash().equals(target.hash())) {
            return new VersionControl.RollbackResult(dryRun, ApplyOutcome.Result.UNCHANGED, targetView, diff, null);
        }
        Map<String, Object> desired = secrets.restore(VersionDiff.parse(content.json()), content.sealed());
        ApplyOutcome outcome = resources.replace(key.clusterId(), desired, dryRun, cause);
        Version recorded = dryRun
                ? null
                : store.current(r.id())
                        .filter(v -> v.number() > current.number())
                        .map(v -> reader.view(r, v))
                        .orElse(null);
        return new VersionControl.RollbackResult(dryRun, outcome.result(), targetView, diff, recorded);
    }

    private Map<String, Object> live(VersionStore.ResourceRow r, String plural) {
        ObjectKey k = r.key();
        String kind = k.group().isEmpty() ? plural : plural + "." + k.group();
        try {
            return resources.get(
                    k.clusterId(),
                    kind,
                    k.namespace().isEmpty() ? ResourceService.CLUSTER_SCOPE : k.namespace(),
                    k.name());
        } catch (ApiException e) {
            if ("kube-not-found".equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    private static ApiException liveChanged(String detail) {
        return ApiException.conflict("live-changed", detail, "expectedVersion");
    }
}
