package dev.cloudops.versions;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Versions",
        description = "YAML version control of Kubernetes objects: tracking, versions, history, diff, compare,"
                + " rollback, tags and branches. {id} is the numeric id of a tracked resource; a version ref is a"
                + " number (7 or v7), 'current', a tag, or 'branch:NAME'. See docs/versions.md.")
@RestController
@RequestMapping("/api/k8s/yaml")
@Validated
class VersionController {

    private static final String YAML = "application/yaml";
    private static final String DIFF = "text/x-diff";
    private static final String JSON_PATCH = "application/json-patch+json";

    private final VersionService versions;

    VersionController(VersionService versions) {
        this.versions = versions;
    }

    @Operation(
            summary = "Track an object",
            description = "Takes an object under version control; its current state becomes its first version. 201"
                    + " when tracking starts or resumes, 200 when it was tracked already. Needs write access."
                    + " Problems: 400 invalid-field (clusterId), unknown-kind, invalid-name, invalid-namespace,"
                    + " namespace-required, cluster-scoped; 403 forbidden; 404 cluster-not-found, kube-not-found.")
    @PostMapping("/tracked")
    ResponseEntity<TrackedResource> track(@RequestBody VersionControl.TrackRequest request) {
        VersionControl.TrackResult result = versions.track(request);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result.resource());
    }

    @Operation(
            summary = "List tracked objects of a cluster",
            description = "Paged, by namespace, kind and name; only namespaces the caller may read. kind is any name"
                    + " kubectl accepts. Problems: 404 cluster-not-found; 403 forbidden (namespace).")
    @GetMapping("/tracked")
    Page<TrackedResource> tracked(
            @RequestParam @Parameter(example = "1") long clusterId,
            @RequestParam(required = false) @Parameter(example = "shop") String namespace,
            @RequestParam(required = false) @Parameter(example = "deployments") String kind,
            @RequestParam(required = false) @Parameter(example = "web") String name,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return versions.tracked(clusterId, namespace, kind, name, page, size);
    }

    @Operation(
            summary = "One tracked object",
            description = "With its current version. 404 tracked-resource-not-found.")
    @GetMapping("/tracked/{id}")
    TrackedResource trackedResource(@PathVariable long id) {
        return versions.trackedResource(id);
    }

    @Operation(
            summary = "Stop tracking an object",
            description = "Nothing more is captured and automatic tracking leaves it alone; its history stays"
                    + " readable. purge=true deletes the history too (an object of an automatically tracked kind is"
                    + " then taken up again at its next change). 404 tracked-resource-not-found, 403 forbidden.")
    @DeleteMapping("/tracked/{id}")
    ResponseEntity<Void> untrack(@PathVariable long id, @RequestParam(defaultValue = "false") boolean purge) {
        versions.untrack(id, purge);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "List versions",
            description = "The plan's version list: every version of the object, newest first, or one branch's with"
                    + " branch=NAME; without content. 404 tracked-resource-not-found, branch-not-found.")
    @GetMapping("/versions/{id}")
    Page<Version> list(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(example = "main") String branch,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return versions.listVersions(id, branch, page, size);
    }

    @Operation(
            summary = "One version",
            description = "With its YAML (yamlContent) and its unified diff from its parent (diffContent); the bare"
                    + " YAML with format=yaml. Look a version up by tag here. 404 version-not-found.")
    @GetMapping(
            value = "/versions/{id}/refs/{ref}",
            produces = {MediaType.APPLICATION_JSON_VALUE, YAML})
    ResponseEntity<?> version(
            @PathVariable long id,
            @PathVariable @Parameter(example = "v3") String ref,
            @RequestParam(required = false) @Parameter(example = "yaml") String format) {
        Version version = versions.getVersion(id, ref);
        if ("yaml".equalsIgnoreCase(format)) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(YAML))
                    .body(version.yamlContent());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(version);
    }

    @Operation(
            summary = "Diff two versions",
            description = "Unified text diff of the stable YAML and RFC 6902 JSON Patch between two versions. to"
                    + " defaults to current, from to the version 'to' follows. format=unified answers the diff as"
                    + " text/x-diff, format=patch the JSON Patch alone. 404 version-not-found (field from or to).")
    @GetMapping(
            value = "/versions/{id}/diff",
            produces = {MediaType.APPLICATION_JSON_VALUE, DIFF, JSON_PATCH})
    ResponseEntity<?> diff(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(example = "v3") String from,
            @RequestParam(required = false) @Parameter(example = "current") String to,
            @RequestParam(defaultValue = "json") @Parameter(example = "unified") String format) {
        Diff diff = versions.diff(id, from, to);
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" ->
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(diff);
            case "unified" ->
                ResponseEntity.ok().contentType(MediaType.parseMediaType(DIFF)).body(diff.unified());
            case "patch" ->
                ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(JSON_PATCH))
                        .body(diff.patch());
            default ->
                throw ApiException.badRequest("invalid-parameter", "format must be json, unified or patch", "format");
        };
    }

    @Operation(
            summary = "Compare versions, also of two objects",
            description = "Like the diff, between a version of this object (from) and a version of it or of another"
                    + " tracked object (toResourceId, to), e.g. the same Deployment in staging and prod. Refs default"
                    + " to current. 404 tracked-resource-not-found, version-not-found; 403 forbidden.")
    @PostMapping("/versions/{id}/compare")
    Diff compare(@PathVariable long id, @RequestBody VersionControl.CompareRequest request) {
        return versions.compareVersions(id, request);
    }

    @Operation(
            summary = "Roll back to a version",
            description = "Replaces the live object by the version (named by 'to', a ref, or by 'versionId'),"
                    + " through the apply path: server-side dry run first, then the write; dryRun=true stops after"
                    + " the dry run and answers the diff from the live object. The rollback becomes a new version"
                    + " ('rollback to v3 by alice'). 409 live-changed when expectedVersion is no longer current or the"
                    + " live object differs from the current version (unless force); 400 version-of-other-resource,"
                    + " version-is-deletion, invalid-field; 409 not-tracking; 404 version-not-found; 422"
                    + " invalid-document when the API server refuses the dry run.")
    @PostMapping("/versions/{id}/rollback")
    VersionControl.RollbackResult rollback(@PathVariable long id, @RequestBody VersionControl.RollbackRequest request) {
        return versions.rollbackToVersion(id, request);
    }

    @Operation(
            summary = "History",
            description = "The line of versions a branch went through, newest first, with author, source, change log"
                    + " and a one-line summary: for main (default) what happened to the object on the cluster; for"
                    + " another branch its commits, then main up to where it started. 404 branch-not-found.")
    @GetMapping("/versions/{id}/history")
    Page<Version> history(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(example = "main") String branch,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return versions.getVersionHistory(id, branch, page, size);
    }

    @Operation(
            summary = "Tag a version",
            description = "Names a version (default current); a tag is unique per object. 400 invalid-tag; 404"
                    + " version-not-found; 409 duplicate-tag, too-many-tags (500).")
    @PostMapping("/versions/{id}/tag")
    ResponseEntity<VersionTag> tag(@PathVariable long id, @RequestBody VersionControl.TagRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(versions.tagVersion(id, request));
    }

    @Operation(summary = "List tags", description = "By name (at most 500).")
    @GetMapping("/versions/{id}/tags")
    List<VersionTag> tags(@PathVariable long id) {
        return versions.tags(id);
    }

    @Operation(summary = "Delete a tag", description = "404 tag-not-found.")
    @DeleteMapping("/versions/{id}/tags/{tag}")
    ResponseEntity<Void> untag(@PathVariable long id, @PathVariable String tag) {
        versions.untag(id, tag);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "List branches",
            description =
                    "main first (its head is the newest version the cluster went through), then by name (at most 100).")
    @GetMapping("/versions/{id}/branches")
    List<Branch> branches(@PathVariable long id) {
        return versions.branches(id);
    }

    @Operation(
            summary = "Create a branch",
            description = "From a version (default current). 400 invalid-branch-name, version-is-deletion; 404"
                    + " version-not-found; 409 duplicate-branch (also 'main'), too-many-branches.")
    @PostMapping("/versions/{id}/branches")
    ResponseEntity<Branch> createBranch(@PathVariable long id, @RequestBody VersionControl.BranchRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(versions.createBranch(id, request));
    }

    @Operation(
            summary = "Commit on a branch",
            description = "The body is the object's manifest (YAML or JSON); it becomes the branch's new head without"
                    + " being applied. 201 with the version; 200 with created=false when it equals the head. 400"
                    + " branch-is-live (main), object-mismatch, secret-not-committable, empty-manifest, invalid-yaml;"
                    + " 422 invalid-document; 404 branch-not-found.")
    @PostMapping(
            value = "/versions/{id}/branches/{branch}/commits",
            consumes = {
                YAML,
                "application/x-yaml",
                "text/yaml",
                MediaType.APPLICATION_JSON_VALUE,
                MediaType.TEXT_PLAIN_VALUE
            })
    ResponseEntity<VersionControl.CommitResult> commit(
            @PathVariable long id,
            @PathVariable @Parameter(example = "canary") String branch,
            @RequestBody(required = false) String manifest,
            @RequestParam(required = false) @Parameter(example = "raise memory limit") String changeLog) {
        VersionControl.CommitResult result = versions.createVersion(id, branch, manifest, changeLog);
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(result);
    }

    @Operation(
            summary = "Apply a branch's head",
            description = "Puts the live object to the branch's newest version with the checks and dry run of a"
                    + " rollback; it becomes a new version on main ('apply branch canary (v9) by alice'). Problems as"
                    + " for the rollback, and 404 branch-not-found.")
    @PostMapping("/versions/{id}/branches/{branch}/apply")
    VersionControl.RollbackResult applyBranch(
            @PathVariable long id,
            @PathVariable String branch,
            @RequestBody(required = false) VersionControl.ApplyBranchRequest request) {
        return versions.applyBranch(
                id, branch, request == null ? new VersionControl.ApplyBranchRequest(null, null, null, null) : request);
    }
}
