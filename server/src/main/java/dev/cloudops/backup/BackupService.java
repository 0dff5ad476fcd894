package dev.cloudops.backup;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.JobRun;
import dev.cloudops.platform.jobs.Jobs;
import dev.cloudops.platform.security.Action;
import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups: list, read their manifests, verify, restore, delete, and their jobs. Reading a backup needs the viewer
 * role on its whole (source) cluster; verifying and deleting one the operator role there. A restore also needs
 * the operator role in every target namespace it writes to, and on the whole target cluster for cluster-scoped
 * objects (and for namespaces it creates). Everything a restore needs is checked before its job starts: the
 * passphrase, the stored files' SHA-256, the manifest, the rights; the job then checks every object's hash
 * before it applies the first one.
 */
@Service
public class BackupService {

    static final String RESTORE = "restore";
    static final String VERIFY = "verify";
    private static final List<String> JOB_KINDS = List.of(BackupDefinitions.JOB_KIND, RESTORE, VERIFY);

    private final BackupStore store;
    private final BackupAccess access;
    private final ArchiveKeys keys;
    private final BackupStorage storage;
    private final BackupRunner runner;
    private final RestoreEngine engine;
    private final Jobs jobs;
    private final ClusterService clusters;
    private final KubeResources kube;
    private final JsonMapper json;

    BackupService(
            BackupStore store,
            BackupAccess access,
            ArchiveKeys keys,
            BackupStorage storage,
            BackupRunner runner,
            RestoreEngine engine,
            Jobs jobs,
            ClusterService clusters,
            KubeResources kube,
            JsonMapper json) {
        this.store = store;
        this.access = access;
        this.keys = keys;
        this.storage = storage;
        this.runner = runner;
        this.engine = engine;
        this.jobs = jobs;
        this.clusters = clusters;
        this.kube = kube;
        this.json = json;
    }

    /** One object of a backup's manifest. */
    @Schema(description = "An object in a backup")
    public record ObjectEntry(
            int index, String apiVersion, String kind, String namespace, String name, String sha256, long bytes) {}

    /** A backup opened for reading: its definition, data key and manifest, every stored hash checked. */
    record Opened(Backup backup, BackupDefinition definition, SecretKey key, Manifest manifest) {}

    public Backup get(long id) {
        Backup b = store.findBackup(id).orElseThrow(() -> BackupProblems.backupNotFound(id));
        access.requireVisible(Action.READ, b.clusterId(), () -> BackupProblems.backupNotFound(id));
        return b;
    }

    public Page<Backup> list(Long clusterId, Long definitionId, int page, int size) {
        List<Long> readable = access.readableClusters(clusterId);
        return new Page<>(
                store.backups(readable, definitionId, Math.multiplyExact(page, size), size),
                page,
                size,
                store.countBackups(readable, definitionId));
    }

    /** Deletes a backup, its files and its jobs. */
    public void delete(long id) {
        Backup b = get(id);
        access.requireCluster(Action.WRITE, b.clusterId());
        if (Backup.RUNNING.equals(b.status())) {
            throw BackupProblems.notReady(id, b.status());
        }
        runner.remove(b);
    }

    /** The objects a backup holds, in archive order, optionally of one namespace and kind. */
    public Page<ObjectEntry> objects(long id, String passphrase, String namespace, String kind, int page, int size) {
        Opened o = open(id, passphrase);
        List<ObjectEntry> matching = new ArrayList<>();
        List<Manifest.Entry> entries = o.manifest().entries();
        for (int i = 0; i < entries.size(); i++) {
            Manifest.Entry e = entries.get(i);
            ApiResourceInfo type = o.manifest().kinds().get(e.kind()).type();
            if ((namespace == null || namespace.equals(e.namespace())) && (kind == null || type.answersTo(kind))) {
                matching.add(new ObjectEntry(
                        i, type.apiVersion(), type.kind(), e.namespace(), e.name(), e.sha256(), e.bytes()));
            }
        }
        int from = Math.min(matching.size(), Math.multiplyExact(page, size));
        int to = Math.min(matching.size(), from + size);
        return new Page<>(matching.subList(from, to), page, size, matching.size());
    }

    /**
     * Starts a verification: decrypts the archive, checks the stored files' and every object's SHA-256, parses
     * every object; with a target cluster also dry-runs the whole restore there (the API server's dry run of
     * every object).
     */
    public JobRun verify(long id, String passphrase, Long targetClusterId) {
        Backup b = get(id);
        access.requireCluster(Action.WRITE, b.clusterId());
        requireCompleted(b);
        BackupDefinition d = definition(b);
        SecretKey key = keys.open(b, d, passphrase);
        if (targetClusterId == null) {
            return started(VERIFY, b, b.clusterId(), job -> {
                job.phase("checking files");
                Opened o = read(b, d, key);
                RestorePlan plan = plan(
                        o, everything(o.manifest()), b.clusterId(), Map.of(), RestoreRequest.Existing.SKIP, Set.of());
                engine.verify(job, plan);
                job.result(Map.of(
                        "backupId", b.id(),
                        "objects", o.manifest().entries().size(),
                        "archiveSha256", b.archiveSha256(),
                        "verified", true));
            });
        }
        Opened o = read(b, d, key);
        RestoreRequest request =
                new RestoreRequest(targetClusterId, null, null, null, RestoreRequest.Existing.UPDATE, true);
        RestorePlan plan = checkedPlan(o, request);
        return started(VERIFY, b, plan.targetClusterId(), job -> engine.run(job, plan, RestoreEngine.Mode.CHECK));
    }

    /** Checks everything a restore needs, then starts it (or its dry-run preview) as a job. */
    public JobRun restore(long id, String passphrase, RestoreRequest request) {
        RestoreRequest r = request == null ? new RestoreRequest(null, null, null, null, null, null) : request;
        Opened o = open(id, passphrase);
        RestorePlan plan = checkedPlan(o, r);
        RestoreEngine.Mode mode = r.preview() ? RestoreEngine.Mode.PREVIEW : RestoreEngine.Mode.APPLY;
        return started(RESTORE, o.backup(), plan.targetClusterId(), job -> engine.run(job, plan, mode));
    }

    /** The jobs of a backup (its own, its verifications and restores), newest first. */
    public Page<JobRun> jobs(long id, String kind, int page, int size) {
        get(id);
        if (kind != null && !JOB_KINDS.contains(kind)) {
            throw BackupProblems.invalid("invalid-parameter", "kind", "kind must be backup, verify or restore");
        }
        return jobs.bySubject(kind == null ? JOB_KINDS : List.of(kind), id, page, size);
    }

    /** A backup job the caller started, or one on a cluster they may read as a whole. */
    public JobRun job(long jobId) {
        JobRun run = jobs.find(jobId)
                .filter(j -> JOB_KINDS.contains(j.kind()))
                .orElseThrow(() -> BackupProblems.jobNotFound(jobId));
        if (!run.createdBy().equals(access.caller().username())) {
            if (run.clusterId() == null) {
                throw BackupProblems.jobNotFound(jobId);
            }
            access.requireVisible(Action.READ, run.clusterId(), () -> BackupProblems.jobNotFound(jobId));
        }
        return run;
    }

    public Page<JobRun.Item> jobItems(long jobId, String outcome, int page, int size) {
        job(jobId);
        return jobs.items(jobId, outcome, page, size);
    }

    // ---- opening

    /** Opens a backup the caller may read: the key (passphrase), the stored hashes, the manifest. */
    Opened open(long id, String passphrase) {
        Backup b = get(id);
        requireCompleted(b);
        BackupDefinition d = definition(b);
        return read(b, d, keys.open(b, d, passphrase));
    }

    private Opened read(Backup b, BackupDefinition d, SecretKey key) {
        checkStored(b, ArchiveFiles.ARCHIVE, b.archiveSha256());
        checkStored(b, ArchiveFiles.MANIFEST, b.manifestSha256());
        try (InputStream in = storage.open(b.storageKey() + "/" + ArchiveFiles.MANIFEST)) {
            Manifest m = ArchiveFiles.readManifest(in, key, b.id(), json);
            if (m.backupId() != b.id() || m.entries().size() != b.objectCount()) {
                throw BackupProblems.tampered(b.id(), "the manifest belongs to another backup");
            }
            return new Opened(b, d, key, m);
        } catch (TamperedException e) {
            throw BackupProblems.tampered(b.id(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkStored(Backup b, String file, String expected) {
        String actual;
        try (InputStream in = storage.open(b.storageKey() + "/" + file)) {
            actual = ArchiveFiles.sha256Of(in);
        } catch (NoSuchFileException e) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "archive-missing",
                    "The " + file + " of backup " + b.id() + " is missing from the backup storage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!actual.equals(expected)) {
            throw BackupProblems.tampered(b.id(), "the SHA-256 of its " + file + " is " + actual + ", not " + expected);
        }
    }

    private BackupDefinition definition(Backup b) {
        return store.findDefinition(b.definitionId()).orElseThrow(() -> BackupProblems.backupNotFound(b.id()));
    }

    private static void requireCompleted(Backup b) {
        if (!Backup.COMPLETED.equals(b.status())) {
            throw BackupProblems.notReady(b.id(), b.status());
        }
    }

    private JobRun started(String kind, Backup b, long clusterId, Jobs.Work work) {
        long jobId = jobs.start(kind, b.id(), clusterId, access.caller().username(), work);
        return jobs.find(jobId).orElseThrow();
    }

    // ---- restore checks

    private RestorePlan checkedPlan(Opened o, RestoreRequest r) {
        long target =
                r.targetClusterId() != null ? r.targetClusterId() : o.backup().clusterId();
        clusters.get(target);
        checkMapping(r.namespaceMapping());
        for (int i = 0; i < r.include().size(); i++) {
            r.include().get(i).check("include[" + i + "]");
        }
        for (int i = 0; i < r.exclude().size(); i++) {
            r.exclude().get(i).check("exclude[" + i + "]");
        }
        BitSet selected = select(o.manifest(), r);
        if (selected.isEmpty()) {
            throw BackupProblems.invalid("nothing-to-restore", "include", "the filters select no object of the backup");
        }
        Set<String> existing = namespacesOf(target);
        RestorePlan plan = plan(o, selected, target, r.namespaceMapping(), r.existing(), existing);
        requireWriteRights(plan);
        return plan;
    }

    private static RestorePlan plan(
            Opened o,
            BitSet selected,
            long target,
            Map<String, String> mapping,
            RestoreRequest.Existing existing,
            Set<String> existingNamespaces) {
        return new RestorePlan(
                o.backup(), o.key(), o.manifest(), selected, target, mapping, existing, existingNamespaces);
    }

    private static BitSet everything(Manifest m) {
        BitSet all = new BitSet();
        all.set(0, m.entries().size());
        return all;
    }

    private static void checkMapping(Map<String, String> mapping) {
        mapping.forEach((from, to) -> {
            if (!KubeNames.isDnsLabel(from) || to == null || !KubeNames.isDnsLabel(to)) {
                throw BackupProblems.invalid(
                        "invalid-namespace",
                        "namespaceMapping",
                        "'" + from + "' → '" + to + "' maps to or from an invalid namespace name");
            }
        });
    }

    /**
     * The entries a restore takes: not excluded, and included (or no include rules). Namespaces and CRDs come
     * along with the objects that need them unless excluded themselves.
     */
    static BitSet select(Manifest m, RestoreRequest r) {
        BitSet selected = new BitSet();
        Set<String> neededNamespaces = new HashSet<>();
        Set<String> neededCrds = new HashSet<>();
        List<Manifest.Entry> entries = m.entries();
        for (int i = 0; i < entries.size(); i++) {
            ObjectRef ref = m.ref(entries.get(i));
            ApiResourceInfo type = ref.type();
            ObjectRef forRules = Selection.isNamespaceKind(type) ? new ObjectRef(type, ref.name(), ref.name()) : ref;
            if (r.exclude().stream().anyMatch(rule -> rule.matches(forRules))) {
                continue;
            }
            boolean included = r.include().isEmpty() || r.include().stream().anyMatch(rule -> rule.matches(forRules));
            boolean structural = Selection.isNamespaceKind(type) || Selection.isCrdKind(type);
            if (included) {
                selected.set(i);
            }
            if (included && !structural) {
                if (ref.namespace() != null) {
                    neededNamespaces.add(ref.namespace());
                }
                neededCrds.add(type.plural() + "." + type.group());
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            ObjectRef ref = m.ref(entries.get(i));
            ObjectRef forRules = new ObjectRef(ref.type(), ref.name(), ref.name());
            boolean needed = (Selection.isNamespaceKind(ref.type()) && neededNamespaces.contains(ref.name()))
                    || (Selection.isCrdKind(ref.type()) && neededCrds.contains(ref.name()));
            if (needed && r.exclude().stream().noneMatch(rule -> rule.matches(forRules))) {
                selected.set(i);
            }
        }
        return selected;
    }

    /** Requires write access wherever the restore may write; 403 before anything starts. */
    private void requireWriteRights(RestorePlan plan) {
        Set<String> namespaces = new TreeSet<>();
        boolean wholeCluster = false;
        Manifest m = plan.manifest();
        for (int i = plan.selected().nextSetBit(0); i >= 0; i = plan.selected().nextSetBit(i + 1)) {
            Manifest.Entry e = m.entries().get(i);
            ApiResourceInfo type = m.kinds().get(e.kind()).type();
            if (type.namespaced()) {
                namespaces.add(plan.targetNamespace(e.namespace()));
            } else if (Selection.isNamespaceKind(type)) {
                String ns = plan.targetName(e);
                namespaces.add(ns);
                if (!plan.existingNamespaces().contains(ns) || plan.existing() == RestoreRequest.Existing.UPDATE) {
                    wholeCluster = true;
                }
            } else {
                wholeCluster = true;
            }
        }
        if (wholeCluster) {
            access.require(Action.WRITE, plan.targetClusterId(), null);
        }
        for (String ns : namespaces) {
            access.require(Action.WRITE, plan.targetClusterId(), ns);
        }
    }

    private Set<String> namespacesOf(long clusterId) {
        ApiResourceInfo type = kube.resolve(clusterId, "v1", "Namespace");
        Set<String> names = new HashSet<>();
        String cont = null;
        do {
            ObjectPage page = kube.list(clusterId, type, null, null, null, BackupRunner.PAGE, cont);
            page.items()
                    .forEach(o -> names.add(
                            String.valueOf(Selection.map(o.get("metadata")).get("name"))));
            cont = page.continueToken();
        } while (cont != null);
        return names;
    }
}
