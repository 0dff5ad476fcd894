package dev.cloudops.bench;

import dev.cloudops.analysis.AnalysisEngine;
import dev.cloudops.analysis.AnalysisResult;
import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.ManifestState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.core.type.TypeReference;

/**
 * The analysis engine's speed target (issue 5): scanning 10,000 workloads with every check must take at most 3x
 * the time of merely deserialising the same objects. JMH times, in one run on one machine:
 *
 * <ul>
 *   <li>{@code parse}: the 10,000 Deployments (with pod templates and status) as one JSON array, read into maps
 *       with Jackson, the form the analyzers read;
 *   <li>{@code scanManifests}: {@link AnalysisEngine#run} with every spec-reading analyzer on the classpath over a
 *       {@link ManifestState} of those maps (what {@code POST /api/k8s/analysis/manifests} runs);
 *   <li>{@code scanLive}: every analyzer, the live-only ones too, over the same maps as a live cluster state (what
 *       a scan runs once the objects are read from the caches).
 * </ul>
 *
 * The analyzers are found by {@link AnalyzerDiscovery}, so analyzers added to {@code dev.cloudops.analysis} are
 * measured without editing this class. Options ({@code --name=value}): {@code workloads} (10000), {@code forks}
 * (1), {@code warmup} and {@code iterations} (3 and 5, of {@code seconds} 2 each), {@code results} (append the
 * Markdown section to this file; empty: print only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AnalysisScanBenchmark {

    static final long SEED = 20261125L;
    private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() {};

    private byte[] json;
    private List<Map<String, Object>> parsed;
    private AnalysisEngine everything;

    @Setup(Level.Trial)
    public void setUp() {
        // The count comes from main through the forked JVM's command line.
        int workloads = Integer.getInteger("analysis.workloads", 10_000);
        json = AnalysisWorkloads.json(AnalysisWorkloads.deployments(workloads, SEED));
        parsed = parse(json);
        AnalyzerDiscovery.Found found = AnalyzerDiscovery.discover();
        everything = new AnalysisEngine(found.analyzers(), Clock.systemUTC());
    }

    @Benchmark
    public List<Map<String, Object>> parse() {
        return parse(json);
    }

    /** Every analyzer asked for: on manifests the engine runs the spec readers and skips the others with a note. */
    @Benchmark
    public AnalysisResult scanManifests() {
        return everything.run(new ManifestState(parsed, Instant.EPOCH), List.of());
    }

    @Benchmark
    public AnalysisResult scanLive() {
        return everything.run(new LiveObjects(parsed), List.of());
    }

    static List<Map<String, Object>> parse(byte[] json) {
        return AnalysisWorkloads.JSON.readValue(json, OBJECTS);
    }

    /** The objects as a live cluster would serve them, for the analyzers that read status. */
    static final class LiveObjects implements ClusterState {
        private final Map<String, List<Map<String, Object>>> byKind = new LinkedHashMap<>();

        LiveObjects(List<Map<String, Object>> objects) {
            for (Map<String, Object> o : objects) {
                byKind.computeIfAbsent(String.valueOf(o.get("kind")), k -> new java.util.ArrayList<>())
                        .add(o);
            }
        }

        @Override
        public String source() {
            return "benchmark";
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public Instant observedAt() {
            return Instant.EPOCH;
        }

        @Override
        public boolean serves(String kind) {
            return !kind.endsWith("Metrics");
        }

        @Override
        public List<Map<String, Object>> objects(String kind) {
            return byKind.getOrDefault(kind, List.of());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int workloads = Integer.parseInt(options.getOrDefault("workloads", "10000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "2"));
        var opts = new OptionsBuilder()
                .include(AnalysisScanBenchmark.class.getName() + "\\.")
                .forks(Integer.parseInt(options.getOrDefault("forks", "1")))
                .warmupIterations(Integer.parseInt(options.getOrDefault("warmup", "3")))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.parseInt(options.getOrDefault("iterations", "5")))
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgsAppend("-Xmx2g", "-XX:+UseG1GC", "-Danalysis.workloads=" + workloads)
                .build();
        Map<String, Double> msPerOp = new LinkedHashMap<>();
        Map<String, Double> error = new LinkedHashMap<>();
        for (RunResult r : new Runner(opts).run()) {
            String label = r.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1);
            msPerOp.put(label, r.getPrimaryResult().getScore());
            error.put(label, r.getPrimaryResult().getScoreError());
        }
        AnalyzerDiscovery.Found found = AnalyzerDiscovery.discover();
        String section = report(workloads, msPerOp, error, found, Instant.now());
        System.out.println(section);
        String results = options.getOrDefault("results", "");
        if (!results.isEmpty()) {
            Files.writeString(
                    Path.of(results),
                    "\n" + section,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static Map<String, String> options(String[] args) {
        List<String> known = List.of("workloads", "forks", "warmup", "iterations", "seconds", "results");
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !known.contains(arg.substring(2, eq))) {
                throw new IllegalArgumentException(
                        "unknown option " + arg + "; known: --" + String.join("=, --", known) + "=");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    /** The Markdown section for RESULTS.md. */
    static String report(
            int workloads,
            Map<String, Double> msPerOp,
            Map<String, Double> error,
            AnalyzerDiscovery.Found found,
            Instant at) {
        double parse = msPerOp.get("parse");
        StringBuilder out = new StringBuilder();
        out.append("## Analysis scan: ")
                .append(String.format(Locale.ROOT, "%,d", workloads))
                .append(" Deployments, ")
                .append(at)
                .append("\n\n");
        out.append("JMH (`bench/run-analysis-scan.sh`), average time per operation over all ")
                .append(String.format(Locale.ROOT, "%,d", workloads))
                .append(" objects; ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, Java ")
                .append(System.getProperty("java.version"))
                .append(".\n\n");
        out.append("| series | ms per run | ± (99.9 %) | objects/s | ratio to parse |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (var e : msPerOp.entrySet()) {
            double ms = e.getValue();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %,.0f | %.2f |%n",
                    e.getKey(),
                    ms,
                    error.getOrDefault(e.getKey(), Double.NaN),
                    workloads / (ms / 1000.0),
                    ms / parse));
        }
        out.append("\nAnalyzers found: ")
                .append(
                        found.analyzers().isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        found.analyzers().stream()
                                                .map(a -> a.name() + (a.readsSpecsOnly() ? " (specs)" : " (live only)"))
                                                .toList()))
                .append(
                        found.skipped().isEmpty()
                                ? ""
                                : "; could not be built here: " + String.join(", ", found.skipped()))
                .append(".\n");
        Double manifests = msPerOp.get("scanManifests");
        if (manifests != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "Target: scan <= 3x parse. scanManifests/parse = %.2f (%s).%n",
                    manifests / parse,
                    manifests / parse <= 3 ? "met" : "NOT met"));
        }
        return out.toString();
    }
}
