package dev.cloudops.analysis;

import dev.cloudops.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(
        name = "Analysis",
        description = "Checks of clusters and manifests: scans of a registered cluster run as jobs and are stored with"
                + " their findings, 0-100 scores per category and notes; manifests not applied yet are analysed"
                + " synchronously and nothing is stored. See docs/analysis.md.")
@RestController
@RequestMapping("/api/k8s/analysis")
@Validated
class AnalysisController {

    private static final String YAML = "application/yaml";

    private final ScanService scans;
    private final AnalysisService analysis;
    private final AnalysisEngine engine;

    AnalysisController(ScanService scans, AnalysisService analysis, AnalysisEngine engine) {
        this.scans = scans;
        this.analysis = analysis;
        this.engine = engine;
    }

    @Operation(
            summary = "Start a scan of a cluster",
            description = "202 with the queued scan; poll GET /scans/{id} for its progress and report. Needs read"
                    + " access to the namespace, or to the cluster when no namespace is given (then only the"
                    + " namespaces the caller reads are scanned). Problems, all before anything is stored: 400"
                    + " invalid-field (no clusterId), unknown-analyzer, invalid-namespace; 403 forbidden; 404"
                    + " cluster-not-found.")
    @PostMapping("/scans")
    ResponseEntity<Scan> start(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            value = "{\"clusterId\": 1, \"namespace\": \"shop\","
                                                                    + " \"analyzers\": [\"health\"]}")))
                    @RequestBody
                    ScanRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(scans.start(request));
    }

    @Operation(
            summary = "List scans",
            description = "Newest first, of the clusters the caller may see (one cluster with clusterId: 404"
                    + " cluster-not-found when it is not visible).")
    @GetMapping("/scans")
    Page<Scan> list(
            @RequestParam(required = false) @Parameter(example = "1") Long clusterId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return scans.list(clusterId, page, size);
    }

    @Operation(
            summary = "Get a scan",
            description = "Its status (QUEUED, RUNNING with phase and progress, SUCCEEDED, FAILED with code and"
                    + " message) and once it succeeded its summary: counts per severity and category, scores and"
                    + " notes. 404 scan-not-found, also for scans the caller may not see.")
    @GetMapping("/scans/{id}")
    Scan get(@PathVariable long id) {
        return scans.get(id);
    }

    @Operation(
            summary = "List a scan's findings",
            description = "Worst first, paged; filters combine. Only findings in namespaces the caller reads (and"
                    + " cluster-scoped ones for those who read the whole cluster). 400 invalid-parameter for an"
                    + " unknown severity or category; 404 scan-not-found.")
    @GetMapping("/scans/{id}/findings")
    Page<StoredFinding> findings(
            @PathVariable long id,
            @RequestParam(required = false) @Parameter(example = "CRITICAL") Severity severity,
            @RequestParam(required = false) @Parameter(example = "HEALTH") Category category,
            @RequestParam(required = false) @Parameter(example = "podCrashLoopBackOff") String check,
            @RequestParam(required = false) @Parameter(example = "shop") String namespace,
            @RequestParam(required = false) @Parameter(example = "Pod") String kind,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return scans.findings(id, severity, category, check, namespace, kind, page, size);
    }

    @Operation(
            summary = "Analyse manifests",
            description = "Multi-document YAML (or JSON) of objects not applied yet, e.g. from CI. Only analyzers"
                    + " that read specs run (the others are skipped with a note); nothing is stored. Problems: 400"
                    + " invalid-yaml (not YAML, or not Kubernetes objects), empty-manifest, too-many-documents,"
                    + " unknown-analyzer.")
    @PostMapping(
            value = "/manifests",
            consumes = {
                YAML,
                "application/x-yaml",
                "text/yaml",
                MediaType.TEXT_PLAIN_VALUE,
                MediaType.APPLICATION_JSON_VALUE
            })
    AnalysisResult manifests(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = YAML,
                                            examples =
                                                    @ExampleObject(
                                                            value = "apiVersion: apps/v1\nkind: Deployment\n"
                                                                    + "metadata: {name: web}\n")))
                    @RequestBody(required = false)
                    String manifests,
            @RequestParam(required = false) @Parameter(example = "config,security") List<String> analyzers) {
        return analysis.analyzeManifests(manifests, analyzers);
    }

    @Operation(
            summary = "List every check",
            description = "Every check of every analyzer: its id, analyzer, category, default severity and title.")
    @GetMapping("/checks")
    List<CheckListing> checks() {
        return engine.catalog();
    }
}
