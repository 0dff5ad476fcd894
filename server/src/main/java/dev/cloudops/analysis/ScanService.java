package dev.cloudops.analysis;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.cluster.ClusterView;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.jobs.JobRun;
import dev.cloudops.platform.jobs.Jobs;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.web.Page;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scans of registered clusters, run as jobs and stored with their findings. Everything a scan needs is checked
 * when it is asked for, on the caller's thread: the cluster, the analyzers, the namespace and the caller's grants;
 * a refused scan leaves no row. A caller sees the scans of clusters they may see: all of them where they read the
 * whole cluster, otherwise those of namespaces they read and their own; findings outside the namespaces they read
 * are left out.
 */
@Service
public class ScanService {

    static final String JOB_KIND = "analysis-scan";
    private static final Logger log = LoggerFactory.getLogger(ScanService.class);

    private final AnalysisEngine engine;
    private final AnalysisService analysis;
    private final ScanStore store;
    private final Jobs jobs;
    private final AccessPolicy access;
    private final ClusterService clusters;
    private final TransactionTemplate tx;
    private final ScanSettings settings;
    private final Clock clock;

    ScanService(
            AnalysisEngine engine,
            AnalysisService analysis,
            ScanStore store,
            Jobs jobs,
            AccessPolicy access,
            ClusterService clusters,
            TransactionTemplate tx,
            ScanSettings settings,
            Clock clock) {
        this.engine = engine;
        this.analysis = analysis;
        this.store = store;
        this.jobs = jobs;
        this.access = access;
        this.clusters = clusters;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks the request and starts the scan as a job; answers the queued scan. */
    public Scan start(ScanRequest request) {
        if (request == null || request.clusterId() == null) {
            throw ApiException.badRequest("invalid-field", "clusterId is required", "clusterId");
        }
        List<String> names = request.analyzers() == null || request.analyzers().isEmpty()
                ? List.of()
                : engine.choose(request.analyzers()).stream()
                        .map(Analyzer::name)
                        .toList();
        String namespace = request.namespace() == null || request.namespace().isBlank()
                ? null
                : request.namespace().trim();
        long clusterId = request.clusterId();
        ClusterState state = analysis.state(clusterId, namespace);
        String by = access.current().username();
        long scanId = store.insert(clusterId, namespace, names, by, clock.millis());
        long jobId = jobs.start(JOB_KIND, scanId, clusterId, by, job -> run(scanId, clusterId, state, names, job));
        store.job(scanId, jobId);
        return get(scanId);
    }

    private void run(
            long scanId,
            long clusterId,
            ClusterState state,
            List<String> names,
            dev.cloudops.platform.jobs.JobContext job) {
        store.running(scanId, clock.millis());
        try {
            job.phase("reading");
            AnalysisResult result = engine.run(state, names, (analyzer, index, total) -> {
                job.total(total);
                if (index > 0) {
                    job.advance(1);
                }
                job.phase("analyzing " + analyzer);
            });
            job.advance(1);
            job.phase("storing");
            tx.executeWithoutResult(status -> store.succeeded(scanId, result, clock.millis()));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("scanId", scanId);
            summary.put("findings", result.findings().size());
            summary.put("bySeverity", result.bySeverity());
            job.result(summary);
        } catch (ApiException e) {
            store.failed(scanId, e.code(), e.getMessage(), clock.millis());
            throw e;
        } catch (RuntimeException e) {
            log.error("Scan {} of cluster {} failed", scanId, clusterId, e);
            store.failed(
                    scanId,
                    "internal-error",
                    "The scan failed unexpectedly; the server log has the details",
                    clock.millis());
            throw e;
        } finally {
            prune(clusterId);
        }
    }

    private void prune(long clusterId) {
        try {
            for (long old : store.prune(clusterId, settings.keep())) {
                jobs.forget(JOB_KIND, old);
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete old scans of cluster {}", clusterId, e);
        }
    }

    /** The scans the caller may see, newest first; {@code clusterId} keeps one cluster's (404 when not visible). */
    public Page<Scan> list(Long clusterId, int page, int size) {
        if (clusterId != null) {
            clusters.get(clusterId);
        }
        ScanStore.Visibility visibility = visibility();
        int offset = Math.multiplyExact(page, size);
        return new Page<>(
                store.list(visibility, clusterId, offset, size).stream()
                        .map(this::withProgress)
                        .toList(),
                page,
                size,
                store.count(visibility, clusterId));
    }

    /** A scan the caller may see, with its job's progress while it runs; 404 scan-not-found otherwise. */
    public Scan get(long id) {
        return withProgress(visible(id));
    }

    /** The findings of a scan the caller may see, worst first, within the namespaces the caller reads. */
    public Page<StoredFinding> findings(
            long id,
            Severity severity,
            Category category,
            String check,
            String namespace,
            String kind,
            int page,
            int size) {
        Scan scan = visible(id);
        Set<String> readable = access.readableNamespaces(scan.clusterId()).orElse(null);
        var filter = new ScanStore.FindingFilter(
                severity, category, blankToNull(check), blankToNull(namespace), blankToNull(kind), readable);
        return new Page<>(
                store.findings(id, filter, Math.multiplyExact(page, size), size),
                page,
                size,
                store.countFindings(id, filter));
    }

    private Scan visible(long id) {
        Scan scan = store.find(id).orElseThrow(() -> notFound(id));
        if (!access.canSee(scan.clusterId())) {
            throw notFound(id);
        }
        Optional<Set<String>> readable = access.readableNamespaces(scan.clusterId());
        boolean mine = scan.createdBy().equals(access.current().username());
        if (readable.isPresent()
                && !mine
                && (scan.namespace() == null || !readable.get().contains(scan.namespace()))) {
            throw notFound(id);
        }
        return scan;
    }

    private ScanStore.Visibility visibility() {
        Set<Long> whole = new HashSet<>();
        Map<Long, Set<String>> partial = new HashMap<>();
        for (ClusterView cluster : clusters.visibleClusters()) {
            Optional<Set<String>> readable = access.readableNamespaces(cluster.id());
            if (readable.isEmpty()) {
                whole.add(cluster.id());
            } else {
                partial.put(cluster.id(), readable.get());
            }
        }
        return new ScanStore.Visibility(whole, partial, access.current().username());
    }

    private Scan withProgress(Scan scan) {
        if (Scan.SUCCEEDED.equals(scan.status())) {
            return scan.withProgress(null, scan.ran().size(), scan.ran().size());
        }
        if (scan.jobId() == null || Scan.FAILED.equals(scan.status())) {
            return scan;
        }
        Optional<JobRun> run = jobs.find(scan.jobId());
        return run.map(r -> scan.withProgress(r.phase(), r.done(), r.total())).orElse(scan);
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("scan-not-found", "There is no scan " + id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
