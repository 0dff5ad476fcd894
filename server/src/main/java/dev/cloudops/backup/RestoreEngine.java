package dev.cloudops.backup;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.kube.ApplyOutcome;
import dev.cloudops.kube.KubeResources;
import dev.cloudops.kube.ObjectPage;
import dev.cloudops.kube.PreparedObject;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.JobContext;
import dev.cloudops.platform.yaml.SafeYaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Reads a backup and restores it, in three modes. Every object is checked against the manifest (hash, parse,
 * coordinates) as it is read; before applying anything, {@link Mode#APPLY} reads the whole archive once just to
 * check it, so that a tampered archive stops the job before the first object is applied (the other modes write
 * nothing, so one pass serves). Then, in the archive's (safe) order:
 *
 * <ul>
 *   <li>{@link Mode#PREVIEW}: compares each object with the live one (listed a kind and namespace at a time) and
 *       reports create / update / unchanged / skip; documents are checked with the apply path's
 *       {@code prepare} (kind, name, namespace restriction); nothing is sent to the cluster beyond lists;
 *   <li>{@link Mode#CHECK}: as the preview, plus the API server's dry run of every object (the apply path with
 *       {@code dryRun}), the verification job's optional check against a target;
 *   <li>{@link Mode#APPLY}: applies through the generic apply path ({@code prepare}, then {@code apply}, which
 *       dry-runs each batch before writing it) — CRDs first (waiting until the API server serves their kinds),
 *       namespaces, cluster-wide objects, configuration and secrets, services, workloads, the rest.
 * </ul>
 */
@Component
class RestoreEngine {

    enum Mode {
        PREVIEW,
        CHECK,
        APPLY
    }

    /** What a restore (or its preview) reports when done. */
    record Summary(
            long backupId, long targetClusterId, String mode, Map<String, Integer> outcomes, int selected, int total) {}

    private final KubeResources kube;
    private final BackupStorage storage;
    private final BackupSettings settings;

    RestoreEngine(KubeResources kube, BackupStorage storage, BackupSettings settings) {
        this.kube = kube;
        this.storage = storage;
        this.settings = settings;
    }

    void run(JobContext job, RestorePlan plan, Mode mode) throws IOException, InterruptedException {
        if (mode == Mode.APPLY) {
            verify(job, plan); // a whole pass first: nothing is applied from an archive that fails anywhere
        }
        job.phase(mode == Mode.APPLY ? "applying" : "planning");
        job.total(plan.selected().cardinality());
        Run run = new Run(job, plan, mode);
        try (ArchiveFiles.Reader reader = reader(plan)) {
            ArchiveFiles.Item item;
            while ((item = reader.next()) != null) {
                if (plan.selected().get(item.index())) {
                    run.add(item);
                }
            }
        } catch (TamperedException e) {
            throw BackupProblems.tampered(plan.backup().id(), e.getMessage()); // changed since the first pass
        }
        run.flush();
        job.result(new Summary(
                plan.backup().id(),
                plan.targetClusterId(),
                mode.name().toLowerCase(Locale.ROOT),
                run.outcomes,
                plan.selected().cardinality(),
                plan.manifest().entries().size()));
    }

    /** Reads every object once: hashes, YAML, coordinates. Fails the job with archive-tampered. */
    void verify(JobContext job, RestorePlan plan) throws IOException {
        job.phase("verifying");
        job.total(plan.manifest().entries().size());
        try (ArchiveFiles.Reader reader = reader(plan)) {
            ArchiveFiles.Item item;
            while ((item = reader.next()) != null) {
                parse(plan.manifest(), item);
                job.advance(1);
            }
        } catch (TamperedException e) {
            throw BackupProblems.tampered(plan.backup().id(), e.getMessage());
        }
    }

    private ArchiveFiles.Reader reader(RestorePlan plan) throws IOException {
        InputStream stored = storage.open(plan.backup().storageKey() + "/" + ArchiveFiles.ARCHIVE);
        try {
            return new ArchiveFiles.Reader(stored, plan.key(), plan.backup().id(), plan.manifest());
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    /** An archive entry as a map, checked against its manifest entry. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Manifest manifest, ArchiveFiles.Item item) throws TamperedException {
        Object doc;
        try {
            doc = SafeYaml.documents(item.yaml(), 4 << 20).iterator().next();
        } catch (RuntimeException e) {
            throw new TamperedException(item.entry().path() + " does not parse as YAML");
        }
        ApiResourceInfo type = manifest.kinds().get(item.entry().kind()).type();
        if (!(doc instanceof Map<?, ?> map)
                || !type.apiVersion().equals(map.get("apiVersion"))
                || !type.kind().equals(map.get("kind"))
                || !item.entry()
                        .name()
                        .equals(Selection.map(map.get("metadata")).get("name"))) {
            throw new TamperedException(item.entry().path() + " is not the object its manifest entry names");
        }
        return (Map<String, Object>) map;
    }

    /** One restore run: the live objects of the current kind, the pending batch, the outcome counts. */
    private final class Run {
        private final JobContext job;
        private final RestorePlan plan;
        private final Mode mode;
        private final Map<String, Integer> outcomes = new TreeMap<>();
        private final List<Pending> batch = new ArrayList<>();
        private final Map<String, Map<String, Map<String, Object>>> live = new HashMap<>();
        private final Map<String, Map<String, Object>> namespaceDocs = new LinkedHashMap<>();
        private final List<ApiResourceInfo> restoredCustomKinds = new ArrayList<>();
        private ApiResourceInfo liveKind;
        private int priority = -1;

        Run(JobContext job, RestorePlan plan, Mode mode) {
            this.job = job;
            this.plan = plan;
            this.mode = mode;
        }

        void add(ArchiveFiles.Item item) throws IOException, InterruptedException {
            Manifest.Entry entry = item.entry();
            ApiResourceInfo type = plan.manifest().kinds().get(entry.kind()).type();
            int p = Selection.priority(type);
            if (p != priority || batch.size() >= settings.applyBatch()) {
                flush();
                if (p != priority && priority == 0 && mode == Mode.APPLY) {
                    awaitCustomKinds();
                }
                priority = p;
            }
            String namespace = plan.targetNamespace(entry.namespace());
            String name = plan.targetName(entry);
            ObjectRef target = new ObjectRef(type, namespace, name);
            Map<String, Object> doc = RestoreTransform.apply(parse(plan.manifest(), item), namespace, name);
            if (Selection.isNamespaceKind(type) && !plan.existingNamespaces().contains(name)) {
                namespaceDocs.put(name, doc);
            }
            if (Selection.isCrdKind(type)) {
                rememberCustomKinds(name);
            }
            Map<String, Object> current = live(type, namespace).get(name);
            String planned;
            if (current == null) {
                planned = "create";
            } else if (plan.existing() == RestoreRequest.Existing.SKIP) {
                record(target, mode == Mode.APPLY ? "skipped" : "skip", "exists in the target", false);
                return;
            } else {
                planned = KubeResources.satisfies(current, doc) ? "unchanged" : "update";
            }
            batch.add(new Pending(target, doc, planned));
        }

        void flush() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            List<Pending> pending = List.copyOf(batch);
            batch.clear();
            List<PreparedObject> prepared = new ArrayList<>();
            List<Pending> ready = new ArrayList<>();
            for (Pending p : pending) {
                try {
                    prepared.add(kube.prepare(plan.targetClusterId(), prepared.size(), p.doc(), null));
                    ready.add(p);
                } catch (ApiException e) {
                    if (mode != Mode.APPLY
                            && "unknown-kind".equals(e.code())
                            && fromRestoredCrd(p.target().type())) {
                        record(p.target(), p.planned(), "its kind comes from a CRD restored with it", false);
                    } else {
                        record(p.target(), failure(), e.getMessage(), true);
                    }
                }
            }
            if (mode == Mode.PREVIEW) {
                ready.forEach(p -> record(p.target(), p.planned(), null, false));
                return;
            }
            apply(ready, prepared);
        }

        private void apply(List<Pending> ready, List<PreparedObject> prepared) {
            if (ready.isEmpty()) {
                return;
            }
            boolean dryRun = mode == Mode.CHECK;
            List<PreparedObject> sent = new ArrayList<>(dryRun ? missingNamespaces(prepared) : List.of());
            int offset = sent.size();
            for (PreparedObject p : prepared) {
                sent.add(new PreparedObject(sent.size(), p.type(), p.namespace(), p.name(), p.object()));
            }
            try {
                List<ApplyOutcome> done = kube.apply(plan.targetClusterId(), sent, dryRun);
                for (int i = 0; i < ready.size(); i++) {
                    record(ready.get(i).target(), outcome(done.get(offset + i).result()), null, false);
                }
            } catch (ApiException e) {
                if (!isDocumentProblem(e)) {
                    throw e;
                }
                if (ready.size() == 1) {
                    record(ready.get(0).target(), failure(), e.getMessage(), true);
                    return;
                }
                for (int i = 0; i < ready.size(); i++) { // find the one(s) the API server refuses
                    apply(List.of(ready.get(i)), List.of(prepared.get(i)));
                }
            }
        }

        /** For a dry run: the Namespaces this restore creates, sent ahead so the API server knows them. */
        private List<PreparedObject> missingNamespaces(List<PreparedObject> prepared) {
            List<PreparedObject> out = new ArrayList<>();
            for (PreparedObject p : prepared) {
                Map<String, Object> doc = p.namespace() == null ? null : namespaceDocs.get(p.namespace());
                if (doc != null && out.stream().noneMatch(o -> o.name().equals(p.namespace()))) {
                    out.add(kube.prepare(plan.targetClusterId(), out.size(), doc, null));
                }
            }
            return out;
        }

        private String outcome(ApplyOutcome.Result result) {
            boolean applied = mode == Mode.APPLY;
            return switch (result) {
                case CREATED -> applied ? "created" : "create";
                case CONFIGURED -> applied ? "updated" : "update";
                case UNCHANGED -> "unchanged";
            };
        }

        private String failure() {
            return mode == Mode.APPLY ? "failed" : "invalid";
        }

        private void record(ObjectRef target, String outcome, String detail, boolean failure) {
            outcomes.merge(outcome, 1, Integer::sum);
            job.item(target.display(), outcome, detail, failure);
        }

        /** The live objects of a kind in a target namespace, listed once per kind and namespace. */
        private Map<String, Map<String, Object>> live(ApiResourceInfo type, String namespace) {
            if (!type.equals(liveKind)) {
                live.clear();
                liveKind = type;
            }
            return live.computeIfAbsent(String.valueOf(namespace), n -> listLive(type, namespace));
        }

        private Map<String, Map<String, Object>> listLive(ApiResourceInfo type, String namespace) {
            Map<String, Map<String, Object>> byName = new HashMap<>();
            if (mode != Mode.APPLY
                    && type.namespaced()
                    && !plan.existingNamespaces().contains(namespace)) {
                return byName; // a namespace the restore would create holds nothing yet
            }
            ApiResourceInfo served;
            try {
                served = kube.resolve(plan.targetClusterId(), type.apiVersion(), type.kind());
            } catch (ApiException e) {
                return byName; // the target does not serve the kind (yet): nothing of it exists there
            }
            String cont = null;
            do {
                ObjectPage page =
                        kube.list(plan.targetClusterId(), served, namespace, null, null, BackupRunner.PAGE, cont);
                for (Map<String, Object> o : page.items()) {
                    byName.put(String.valueOf(Selection.map(o.get("metadata")).get("name")), o);
                }
                cont = page.continueToken();
            } while (cont != null);
            return byName;
        }

        private void rememberCustomKinds(String crdName) {
            for (Manifest.Kind k : plan.manifest().kinds()) {
                if (crdName.equals(k.plural() + "." + k.group())) {
                    restoredCustomKinds.add(k.type());
                }
            }
        }

        private boolean fromRestoredCrd(ApiResourceInfo type) {
            return restoredCustomKinds.stream()
                    .anyMatch(k -> k.group().equals(type.group()) && k.kind().equals(type.kind()));
        }

        /** After CRDs were applied: waits until the API server serves their kinds (cloudops.backups.crd-wait). */
        private void awaitCustomKinds() throws InterruptedException {
            long deadline = System.nanoTime() + settings.crdWait().toNanos();
            List<ApiResourceInfo> waiting = new ArrayList<>(restoredCustomKinds);
            while (!waiting.isEmpty()) {
                kube.refreshDiscovery(plan.targetClusterId());
                waiting.removeIf(this::served);
                if (waiting.isEmpty() || System.nanoTime() > deadline) {
                    return; // what is still not served fails with unknown-kind, object by object
                }
                Thread.sleep(500);
            }
        }

        private boolean served(ApiResourceInfo type) {
            try {
                kube.resolve(plan.targetClusterId(), type.apiVersion(), type.kind());
                return true;
            } catch (ApiException e) {
                return false;
            }
        }
    }

    static boolean isDocumentProblem(ApiException e) {
        return Set.of("invalid-document", "unknown-kind", "kube-invalid", "kube-conflict", "kube-not-found")
                .contains(e.code());
    }

    private record Pending(ObjectRef target, Map<String, Object> doc, String planned) {}
}
