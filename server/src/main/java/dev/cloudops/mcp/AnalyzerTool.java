package dev.cloudops.mcp;

import dev.cloudops.analysis.AnalysisEngine;
import dev.cloudops.analysis.AnalysisResult;
import dev.cloudops.analysis.AnalysisService;
import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Severity;
import dev.cloudops.platform.error.ApiException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A tool that runs analyzers of the analysis engine on a cluster (or, for {@code config_validate}, on a manifest)
 * and answers the summary, the per-category scores and the findings at or above {@code minSeverity}
 * ({@code findingsMatched} of them), worst first.
 */
final class AnalyzerTool implements McpTool {

    private static final String NARROW = "name a namespace, raise minSeverity, or call a single analyzer tool"
            + " (health_check, security_scan, config_validate …) instead of cluster_scan";

    private final String name;
    private final String title;
    private final String description;
    private final String analyzer;
    private final boolean offlineManifests;
    private final AnalysisService analysis;
    private final AnalysisEngine engine;

    /**
     * @param analyzer the analyzer's name; null for every analyzer
     * @param offlineManifests accept a {@code manifest} to check instead of a cluster
     */
    AnalyzerTool(
            String name,
            String title,
            String description,
            String analyzer,
            boolean offlineManifests,
            AnalysisService analysis,
            AnalysisEngine engine) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.analyzer = analyzer;
        this.offlineManifests = offlineManifests;
        this.analysis = analysis;
        this.engine = engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> inputSchema() {
        Map<String, Object> props = Schemas.props(
                "cluster",
                Schemas.cluster(),
                "namespace",
                Schemas.namespace("Only this namespace; every namespace you may read when left out"),
                "minSeverity",
                Schemas.oneOf("Leave out findings below this severity (default INFO)", "INFO", "WARNING", "CRITICAL"),
                "includePatches",
                Schemas.bool("Include the proposed RFC 6902 JSON patch of each finding that has one"));
        if (offlineManifests) {
            props.put(
                    "manifest",
                    Schemas.string("YAML (or JSON) manifests to check offline instead of a cluster, like"
                            + " `polaris audit --audit-path`; nothing is applied"));
        }
        return Schemas.object(props);
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public boolean destructive() {
        return false;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public boolean absentNamespaceMeansAll(ToolArgs args) {
        return !offlineManifests || args.string("manifest") == null;
    }

    @Override
    public ToolAnswer call(ToolArgs args) {
        List<String> analyzers = analyzer == null ? List.of() : List.of(analyzer);
        if (analyzer != null) {
            Set<String> installed =
                    engine.analyzers().stream().map(Analyzer::name).collect(Collectors.toSet());
            if (!installed.contains(analyzer)) {
                throw new ApiException(
                        HttpStatus.NOT_IMPLEMENTED,
                        "analyzer-unavailable",
                        "The '" + analyzer + "' analyzer is not installed on this server; installed analyzers: "
                                + (installed.isEmpty()
                                        ? "none"
                                        : String.join(", ", new java.util.TreeSet<>(installed))),
                        null);
            }
        }
        Severity min = severity(args.string("minSeverity"));
        String manifest = offlineManifests ? args.string("manifest") : null;
        AnalysisResult result = manifest != null
                ? analysis.analyzeManifests(manifest, analyzers)
                : analysis.analyze(args.clusterId(), args.string("namespace"), analyzers);
        return ToolAnswer.list(summary(result, min, args.flag("includePatches")), "findings", NARROW);
    }

    private static Map<String, Object> summary(AnalysisResult result, Severity min, boolean patches) {
        List<Finding> kept = result.findings().stream()
                .filter(f -> f.severity().compareTo(min) >= 0)
                .sorted(Comparator.comparing(Finding::severity)
                        .reversed()
                        .thenComparing(f -> f.subject().toString())
                        .thenComparing(Finding::checkId))
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", result.source());
        out.put("analyzers", result.analyzers());
        out.put("objectsExamined", result.objectsExamined());
        out.put("bySeverity", result.bySeverity());
        out.put("scores", result.scores());
        out.put("notes", result.notes());
        out.put("findingsMatched", kept.size());
        out.put("findings", kept.stream().map(f -> finding(f, patches)).toList());
        return out;
    }

    private static Map<String, Object> finding(Finding f, boolean patches) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("severity", f.severity());
        out.put("check", f.checkId());
        out.put("category", f.category());
        out.put("object", f.subject().toString());
        if (f.container() != null) {
            out.put("container", f.container());
        }
        out.put("message", f.message());
        if (f.fix() != null) {
            out.put("fix", f.fix());
        }
        if (patches && !f.patch().isEmpty()) {
            out.put("patch", f.patch());
        }
        return out;
    }

    private static Severity severity(String text) {
        return text == null ? Severity.INFO : Severity.valueOf(text.toUpperCase(Locale.ROOT));
    }
}
