package dev.cloudops.backup;

import dev.cloudops.platform.jobs.JobRun;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Backups",
        description = "Encrypted backups of Kubernetes objects: definitions with schedules and retention, manual"
                + " runs, verification, restore (dry-run preview, namespace mapping, filters, policy for existing"
                + " objects), diffs. A passphrase travels only in the X-Backup-Passphrase header. See"
                + " docs/backups.md.")
@RestController
@RequestMapping("/api/k8s/backups")
@Validated
class BackupController {

    private static final String PASSPHRASE = ArchiveKeys.PASSPHRASE_HEADER;

    private final BackupDefinitions definitions;
    private final BackupService backups;
    private final BackupDiffs diffs;

    BackupController(BackupDefinitions definitions, BackupService backups, BackupDiffs diffs) {
        this.definitions = definitions;
        this.backups = backups;
        this.diffs = diffs;
    }

    // ---- definitions

    @Operation(
            summary = "Create a backup definition",
            description = "201 with the definition. Needs the operator role on the whole cluster. With encryption"
                    + " PASSPHRASE the passphrase (12–1024 characters) goes in the X-Backup-Passphrase header; it is"
                    + " never stored. Problems: 400 invalid-field, invalid-name, invalid-namespace, unknown-kind,"
                    + " invalid-selector, invalid-rule, invalid-cron, invalid-time-zone, invalid-retention,"
                    + " passphrase-required, weak-passphrase; 403 forbidden; 404 cluster-not-found; 409"
                    + " duplicate-definition-name.")
    @PostMapping("/definitions")
    ResponseEntity<BackupDefinition> create(
            @RequestBody DefinitionRequest request,
            @RequestHeader(value = PASSPHRASE, required = false) @Parameter(hidden = true) String passphrase) {
        return ResponseEntity.status(HttpStatus.CREATED).body(definitions.create(request, passphrase));
    }

    @Operation(
            summary = "List backup definitions",
            description = "By name, paged; only clusters the caller reads as a whole.")
    @GetMapping("/definitions")
    Page<BackupDefinition> listDefinitions(
            @RequestParam(required = false) @Parameter(example = "1") Long clusterId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return definitions.list(clusterId, page, size);
    }

    @Operation(summary = "Get a backup definition", description = "404 backup-definition-not-found.")
    @GetMapping("/definitions/{id}")
    BackupDefinition getDefinition(@PathVariable long id) {
        return definitions.get(id);
    }

    @Operation(
            summary = "Change a backup definition",
            description = "Fields left out keep their value; cluster and encryption never change. The caller becomes"
                    + " its owner. Problems as for create, plus 404 backup-definition-not-found.")
    @PutMapping("/definitions/{id}")
    BackupDefinition update(@PathVariable long id, @RequestBody DefinitionRequest request) {
        return definitions.update(id, request);
    }

    @Operation(
            summary = "Delete a backup definition",
            description = "204. With withBackups=true its backups are deleted too; otherwise a definition with"
                    + " backups answers 409 definition-has-backups.")
    @DeleteMapping("/definitions/{id}")
    ResponseEntity<Void> deleteDefinition(
            @PathVariable long id, @RequestParam(defaultValue = "false") boolean withBackups) {
        definitions.delete(id, withBackups);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Back up now",
            description = "202 with the backup job (poll GET /api/k8s/backups/jobs/{id}). Needs the operator role on"
                    + " the whole cluster. No passphrase is needed, also for PASSPHRASE definitions.")
    @PostMapping("/definitions/{id}/run")
    ResponseEntity<JobRun> run(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(definitions.run(id));
    }

    // ---- backups

    @Operation(summary = "List backups", description = "Newest first, paged; optionally of one cluster or definition.")
    @GetMapping
    Page<Backup> list(
            @RequestParam(required = false) @Parameter(example = "1") Long clusterId,
            @RequestParam(required = false) @Parameter(example = "3") Long definitionId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return backups.list(clusterId, definitionId, page, size);
    }

    @Operation(summary = "Get a backup", description = "404 backup-not-found.")
    @GetMapping("/{id}")
    Backup get(@PathVariable long id) {
        return backups.get(id);
    }

    @Operation(
            summary = "Delete a backup",
            description = "204; the files go too. Needs the operator role on the whole cluster; 409 backup-not-ready"
                    + " while it runs.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        backups.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "List the objects in a backup",
            description = "From its manifest, in archive (restore) order, with each object's SHA-256. Problems: 400"
                    + " passphrase-required, wrong-passphrase; 409 backup-not-ready; 422 archive-tampered,"
                    + " archive-missing.")
    @GetMapping("/{id}/objects")
    Page<BackupService.ObjectEntry> objects(
            @PathVariable long id,
            @RequestHeader(value = PASSPHRASE, required = false) @Parameter(hidden = true) String passphrase,
            @RequestParam(required = false) @Parameter(example = "shop") String namespace,
            @RequestParam(required = false) @Parameter(example = "configmaps") String kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return backups.objects(id, passphrase, namespace, kind, page, size);
    }

    @Operation(
            summary = "Verify a backup",
            description = "202 with the verification job: decrypts the archive, checks the SHA-256 of both files and"
                    + " of every object, parses every object; with targetClusterId also sends every object to that"
                    + " cluster's server-side dry run. A failed check ends the job FAILED with code"
                    + " archive-tampered. Problems: 400 passphrase-required, wrong-passphrase; 403 forbidden; 404"
                    + " backup-not-found, cluster-not-found; 409 backup-not-ready.")
    @PostMapping("/{id}/verify")
    ResponseEntity<JobRun> verify(
            @PathVariable long id,
            @RequestHeader(value = PASSPHRASE, required = false) @Parameter(hidden = true) String passphrase,
            @RequestParam(required = false) @Parameter(example = "2") Long targetClusterId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backups.verify(id, passphrase, targetClusterId));
    }

    @Operation(
            summary = "Restore a backup (or preview the restore)",
            description = "202 with the restore job. Checked before the job starts, nothing applied otherwise: the"
                    + " passphrase (400 passphrase-required, wrong-passphrase), the files' SHA-256 and the manifest"
                    + " (422 archive-tampered, archive-missing), the target (404 cluster-not-found), the filters"
                    + " (400 invalid-rule, invalid-namespace, nothing-to-restore) and the caller's rights: the"
                    + " operator role in every target namespace, and on the whole target cluster for cluster-scoped"
                    + " objects and new namespaces (403 forbidden). The job checks every object's hash before it"
                    + " applies the first one (FAILED, archive-tampered). With dryRun the job only reports"
                    + " create/update/unchanged/skip per object. Items: GET /api/k8s/backups/jobs/{id}/items.")
    @PostMapping("/{id}/restore")
    ResponseEntity<JobRun> restore(
            @PathVariable long id,
            @RequestHeader(value = PASSPHRASE, required = false) @Parameter(hidden = true) String passphrase,
            @RequestBody(required = false) RestoreRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(backups.restore(id, passphrase, request));
    }

    @Operation(
            summary = "Diff two backups",
            description = "Objects added, removed and changed from this backup to the other one, paged, with a"
                    + " unified diff of each changed object's YAML on the page (values of Secret data shown as hashes)."
                    + " X-Backup-Passphrase opens this backup, X-Backup-Against-Passphrase the other (the first when"
                    + " absent). Problems as for the objects list.")
    @GetMapping("/{id}/diff/{againstId}")
    BackupDiffs.Diff diff(
            @PathVariable long id,
            @PathVariable long againstId,
            @RequestHeader(value = PASSPHRASE, required = false) @Parameter(hidden = true) String passphrase,
            @RequestHeader(value = "X-Backup-Against-Passphrase", required = false) @Parameter(hidden = true)
                    String againstPassphrase,
            @RequestParam(required = false) @Parameter(example = "shop") String namespace,
            @RequestParam(required = false) @Parameter(example = "deployments") String kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return diffs.between(
                id,
                passphrase,
                againstId,
                againstPassphrase == null ? passphrase : againstPassphrase,
                namespace,
                kind,
                page,
                size);
    }

    @Operation(
            summary = "Diff a backup with the live cluster",
            description = "Objects of the backup's kinds and namespaces added since, removed since and changed, on"
                    + " the backup's cluster or clusterId, in the stable (normalised) form; needs the viewer role on"
                    + " that whole cluster. Problems as for the objects list, plus 404 cluster-not-found.")
    @GetMapping("/{id}/diff/live")
    BackupDiffs.Diff diffLive(
            @PathVariable long id,
            @RequestHeader(value = PASSPHRASE, required = false) @Parameter(hidden = true) String passphrase,
            @RequestParam(required = false) @Parameter(example = "2") Long clusterId,
            @RequestParam(required = false) @Parameter(example = "shop") String namespace,
            @RequestParam(required = false) @Parameter(example = "deployments") String kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return diffs.live(id, passphrase, clusterId, namespace, kind, page, size);
    }

    // ---- jobs

    @Operation(
            summary = "List a backup's jobs",
            description = "Its backup job, verifications and restores, newest first.")
    @GetMapping("/{id}/jobs")
    Page<JobRun> jobs(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(example = "restore") String kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return backups.jobs(id, kind, page, size);
    }

    @Operation(
            summary = "Get a backup, verify or restore job",
            description = "Status, phase, progress; code and message when FAILED; the summary (result) when done."
                    + " 404 job-not-found.")
    @GetMapping("/jobs/{jobId}")
    JobRun job(@PathVariable long jobId) {
        return backups.job(jobId);
    }

    @Operation(
            summary = "List a job's per-object report",
            description = "In order; outcome filters (saved; create, update, unchanged, skip, invalid; created,"
                    + " updated, skipped, failed).")
    @GetMapping("/jobs/{jobId}/items")
    Page<JobRun.Item> jobItems(
            @PathVariable long jobId,
            @RequestParam(required = false) @Parameter(example = "failed") String outcome,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return backups.jobItems(jobId, outcome, page, size);
    }
}
