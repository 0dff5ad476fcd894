package dev.cloudops.backup;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.JobContext;
import dev.cloudops.platform.jobs.Jobs;
import dev.cloudops.resource.ObjectNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one backup: lists the selected kinds page by page (500 objects a request), normalises each object
 * ({@link ObjectNormalizer}) and streams it into the encrypted archive in restore order, then writes the
 * manifest. Memory holds one page of objects and the manifest's entries, never the archive.
 */
@Component
class BackupRunner {

    static final int PAGE = 500;

    private final KubeResources kube;
    private final BackupStorage storage;
    private final BackupStore store;
    private final BackupSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Jobs jobs;

    BackupRunner(
            KubeResources kube,
            BackupStorage storage,
            BackupStore store,
            BackupSettings settings,
            JsonMapper json,
            Clock clock,
            Jobs jobs) {
        this.kube = kube;
        this.storage = storage;
        this.store = store;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** What a finished backup job reports. */
    record Summary(long backupId, int objects, int namespaces, int kinds, long archiveBytes, long contentBytes) {}

    void run(JobContext job, BackupDefinition definition, Backup backup, SecretKey key) throws IOException {
        try {
            Summary summary = write(job, definition, backup, key);
            job.result(summary);
        } catch (IOException | RuntimeException e) {
            store.failed(
                    backup.id(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    clock.millis());
            deleteFiles(backup.storageKey());
            throw e;
        }
    }

    private Summary write(JobContext job, BackupDefinition definition, Backup backup, SecretKey key)
            throws IOException {
        long clusterId = definition.clusterId();
        Scope scope = definition.scope();
        job.phase("discovering");
        List<ApiResourceInfo> kinds = Selection.kinds(kube.discover(clusterId), scope);
        Set<String> custom = Selection.customKinds(kinds);
        Map<ApiResourceInfo, Integer> kindIndex = new HashMap<>();
        List<Manifest.Kind> manifestKinds = new ArrayList<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        Set<String> namespaces = new HashSet<>();
        long contentBytes = 0;
        job.phase("reading");
        ArchiveFiles.Stored archive;
        try (ArchiveFiles.Writer writer = new ArchiveFiles.Writer(
                storage.create(backup.storageKey() + "/" + ArchiveFiles.ARCHIVE),
                key,
                ArchiveFiles.archiveContext(backup.id()))) {
            for (ApiResourceInfo type : kinds) {
                boolean structural = Selection.isNamespaceKind(type) || Selection.isCrdKind(type);
                List<String> listIn = type.namespaced() && !scope.namespaces().isEmpty()
                        ? scope.namespaces()
                        : Collections.singletonList(null);
                for (String namespace : listIn) {
                    String cont = null;
                    do {
                        ObjectPage page;
                        try {
                            page = kube.list(
                                    clusterId,
                                    type,
                                    namespace,
                                    structural ? null : scope.labelSelector(),
                                    null,
                                    PAGE,
                                    cont);
                        } catch (ApiException e) {
                            if (e.status().value() >= 500 || e.status().value() == 429) {
                                throw e;
                            }
                            job.item(
                                    type.plural() + "." + type.group(),
                                    "failed",
                                    "could not list: " + e.getMessage(),
                                    true);
                            break;
                        }
                        for (Map<String, Object> object : page.items()) {
                            Map<?, ?> metadata = Selection.map(object.get("metadata"));
                            String name = String.valueOf(metadata.get("name"));
                            String ns = type.namespaced() ? (String) metadata.get("namespace") : null;
                            ObjectRef ref = new ObjectRef(type, ns, name);
                            if (!Selection.takes(ref, object, scope, custom)) {
                                continue;
                            }
                            Map<String, Object> complete = new LinkedHashMap<>(object);
                            complete.put("apiVersion", type.apiVersion());
                            complete.put("kind", type.kind());
                            ObjectNormalizer.Normalized normalized = ObjectNormalizer.normalize(complete);
                            byte[] yaml = normalized.yaml().getBytes(StandardCharsets.UTF_8);
                            String path = path(type, ns, name);
                            writer.add(path, yaml);
                            int k = kindIndex.computeIfAbsent(type, t -> {
                                manifestKinds.add(Manifest.Kind.of(t));
                                return manifestKinds.size() - 1;
                            });
                            entries.add(new Manifest.Entry(k, ns, name, path, normalized.sha256(), yaml.length));
                            contentBytes += yaml.length;
                            if (ns != null) {
                                namespaces.add(ns);
                            } else if (Selection.isNamespaceKind(type)) {
                                namespaces.add(name);
                            }
                            if (entries.size() > settings.maxObjects()) {
                                throw ApiException.unprocessable(
                                        "too-many-objects",
                                        "The backup selects more than cloudops.backups.max-objects ("
                                                + settings.maxObjects() + ") objects; narrow its scope",
                                        "scope");
                            }
                            job.item(ref.display(), "saved", null, false);
                        }
                        cont = page.continueToken();
                    } while (cont != null);
                }
            }
            job.phase("writing");
            archive = writer.finish();
        }
        Manifest manifest =
                new Manifest(Manifest.FORMAT, backup.id(), clusterId, clock.millis(), manifestKinds, entries);
        ArchiveFiles.Stored manifestFile = ArchiveFiles.writeManifest(
                storage.create(backup.storageKey() + "/" + ArchiveFiles.MANIFEST), key, backup.id(), manifest, json);
        store.completed(
                backup.id(),
                entries.size(),
                namespaces.size(),
                archive.bytes(),
                contentBytes,
                archive.sha256(),
                manifestFile.sha256(),
                clock.millis());
        return new Summary(
                backup.id(), entries.size(), namespaces.size(), manifestKinds.size(), archive.bytes(), contentBytes);
    }

    /** {@code <namespace or _cluster>/<plural>.<group or core>/<name>.yaml}. */
    static String path(ApiResourceInfo type, String namespace, String name) {
        return (namespace == null ? "_cluster" : namespace) + "/" + type.plural() + "."
                + (type.group().isEmpty() ? "core" : type.group()) + "/" + name + ".yaml";
    }

    /** Deletes a backup: its files, its jobs and its row. */
    void remove(Backup backup) {
        deleteFiles(backup.storageKey());
        for (String kind : List.of(BackupDefinitions.JOB_KIND, BackupService.RESTORE, BackupService.VERIFY)) {
            jobs.forget(kind, backup.id());
        }
        store.deleteBackup(backup.id());
    }

    void deleteFiles(String storageKey) {
        for (String file : Arrays.asList(ArchiveFiles.ARCHIVE, ArchiveFiles.MANIFEST)) {
            try {
                storage.delete(storageKey + "/" + file);
            } catch (IOException e) {
                // a file left behind holds only ciphertext; the next delete of the backup tries again
            }
        }
    }
}
