package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.analysis.AnalysisEngine;
import dev.cloudops.analysis.Analyzer;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.ManifestState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisScanBenchmarkTest {

    @Test
    void workloadsAreSeededVariedAndRoundTripThroughJson() {
        var first = AnalysisWorkloads.deployments(200, AnalysisScanBenchmark.SEED);
        assertThat(first).isEqualTo(AnalysisWorkloads.deployments(200, AnalysisScanBenchmark.SEED));
        assertThat(AnalysisScanBenchmark.parse(AnalysisWorkloads.json(first))).isEqualTo(first);
        String text = new String(AnalysisWorkloads.json(first), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains(":latest", "\"privileged\":true", "\"runAsNonRoot\":true", "\"hostNetwork\":true");
        assertThat(first).allMatch(d -> "Deployment".equals(d.get("kind")));
    }

    @Test
    void discoveryBuildsEveryAnalyzerOfTheServerWithDefaultSettings() {
        var found = AnalyzerDiscovery.discover();
        assertThat(found.analyzers()).extracting(Analyzer::name).contains("health");
        assertThat(found.skipped()).isEmpty();
        assertThat(found.specReaders()).allMatch(Analyzer::readsSpecsOnly);
    }

    @Test
    void theScansAnalyseTheGeneratedObjects() {
        var objects = AnalysisWorkloads.deployments(100, AnalysisScanBenchmark.SEED);
        var engine = new AnalysisEngine(AnalyzerDiscovery.discover().analyzers(), Clock.systemUTC());
        var live = engine.run(new AnalysisScanBenchmark.LiveObjects(objects), List.of("health"));
        assertThat(live.findings())
                .filteredOn(f -> f.checkId().equals("workloadUnavailable"))
                .extracting(Finding::subject)
                .extracting(s -> Integer.parseInt(s.name().substring("app-".length())))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100)
                        .filter(AnalysisWorkloads::unavailable)
                        .boxed()
                        .toList());
        var manifests = engine.run(new ManifestState(objects, Instant.EPOCH), List.of());
        assertThat(manifests.notes()).anyMatch(n -> n.contains("health"));
        assertThat(manifests.analyzers()).doesNotContain("health");
    }

    @Test
    void reportGivesObjectsPerSecondAndTheRatioToParse() {
        var found = new AnalyzerDiscovery.Found(List.of(), List.of("usage (NoSuchBeanDefinitionException: kube)"));
        String report = AnalysisScanBenchmark.report(
                10_000,
                Map.of("parse", 100.0, "scanManifests", 250.0),
                Map.of("parse", 1.0, "scanManifests", 2.0),
                found,
                Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(report)
                .contains("## Analysis scan: 10,000 Deployments, 2026-11-25T00:00:00Z")
                .contains("| parse | 100.0 | 1.0 | 100,000 | 1.00 |")
                .contains("| scanManifests | 250.0 | 2.0 | 40,000 | 2.50 |")
                .contains("Analyzers found: none; could not be built here: usage")
                .contains("scanManifests/parse = 2.50 (met)");
        assertThatThrownBy(() -> AnalysisScanBenchmark.options(new String[] {"--bogus=1"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AnalysisScanBenchmark.options(new String[] {"--workloads=5"}))
                .containsEntry("workloads", "5");
    }
}
