package dev.cloudops.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnalysisEngineTest {

    private static final CheckInfo BAD = new CheckInfo("bad", Category.HEALTH, Severity.CRITICAL, "Bad", "bad");
    private static final CheckInfo MEH = new CheckInfo("meh", Category.HEALTH, Severity.WARNING, "Meh", "meh");
    private static final CheckInfo CONF = new CheckInfo("conf", Category.CONFIG, Severity.INFO, "Conf", "conf");

    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: x}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: x}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: c, namespace: x}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: d, namespace: x}
            ---
            apiVersion: v1
            kind: Event
            metadata: {name: e, namespace: x}
            """;

    /** An analyzer whose behaviour a test gives. */
    record Fake(String name, boolean readsSpecsOnly, List<CheckInfo> checks, BiConsumer<ClusterState, Findings> body)
            implements Analyzer {
        @Override
        public String description() {
            return name;
        }

        @Override
        public void analyze(ClusterState state, Findings findings) {
            body.accept(state, findings);
        }
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static AnalysisEngine engine(Analyzer... analyzers) {
        return new AnalysisEngine(List.of(analyzers), CLOCK);
    }

    private static Map<String, Object> pod(ClusterState state, String name) {
        return state.objects("Pod").stream()
                .filter(p -> Subject.of(p).name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("a score is 100 less the weighted share of examined objects with a problem, each at its worst")
    void scores() {
        var health = new Fake("health", false, List.of(BAD, MEH), (state, f) -> {
            state.objects("Event");
            f.report(BAD, pod(state, "a"), null, "a is bad", "fix a");
            f.report(MEH, pod(state, "a"), null, "a is meh too", "fix a");
            f.report(MEH, pod(state, "b"), "c1", "b is meh", "fix b");
        });
        var config = new Fake("config", true, List.of(CONF), (state, f) -> {
            f.report(CONF, pod(state, "c"), null, "c could be better", "tune c");
        });
        AnalysisResult result = engine(health, config).run(FixtureState.of(PODS), List.of());
        assertThat(result.analyzers()).containsExactly("config", "health");
        assertThat(result.objectsExamined())
                .as("four pods; events are not counted")
                .isEqualTo(4);
        // HEALTH: a is CRITICAL (1) at its worst, b WARNING (0.5): 100 * (1 - 1.5 / 4) = 62.5 -> 63
        assertThat(result.scores()).containsEntry(Category.HEALTH, 63);
        assertThat(result.scores()).containsEntry(Category.CONFIG, 100).containsEntry(Category.SECURITY, 100);
        assertThat(result.bySeverity())
                .containsEntry(Severity.CRITICAL, 1)
                .containsEntry(Severity.WARNING, 2)
                .containsEntry(Severity.INFO, 1);
        assertThat(result.byCategory()).containsEntry(Category.HEALTH, 3).containsEntry(Category.COST, 0);
        assertThat(result.findings()).hasSize(4);
        assertThat(result.startedAt()).isEqualTo(CLOCK.instant());
        assertThat(result.source()).isEqualTo("fixture");
    }

    @Test
    @DisplayName("nothing examined scores 100; more problem objects than examined ones cannot go below 0")
    void scoreBounds() {
        assertThat(AnalysisEngine.scores(List.of(), 0)).containsEntry(Category.HEALTH, 100);
        var subject = new Subject("v1", "Node", null, "n");
        var finding = new Finding("bad", Category.HEALTH, Severity.CRITICAL, subject, null, "m", "f", null);
        assertThat(AnalysisEngine.scores(List.of(finding), 0)).containsEntry(Category.HEALTH, 0);
    }

    @Test
    @DisplayName("an unknown analyzer is a 400 naming the known ones, before any analyzer runs")
    void unknownAnalyzer() {
        List<String> ran = new ArrayList<>();
        var health = new Fake("health", false, List.of(), (s, f) -> ran.add("health"));
        var engine = engine(health);
        assertThatThrownBy(() -> engine.run(FixtureState.of(PODS), List.of("health", "astrology")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-analyzer");
                    assertThat(e.getMessage()).contains("astrology", "health");
                });
        assertThatThrownBy(() -> engine.choose(List.of(" "))).isInstanceOf(ApiException.class);
        assertThat(ran).isEmpty();
        assertThat(engine.choose(List.of(" health ")))
                .extracting(Analyzer::name)
                .containsExactly("health");
    }

    @Test
    @DisplayName("on manifests the live-only analyzers are skipped with a note; the spec readers run")
    void manifestsSkipLiveOnly() {
        List<String> ran = new ArrayList<>();
        var health = new Fake("health", false, List.of(), (s, f) -> ran.add("health"));
        var config = new Fake("config", true, List.of(), (s, f) -> ran.add("config"));
        var manifests = new ManifestState(List.of(Map.of("kind", "Pod")), CLOCK.instant());
        AnalysisResult result = engine(health, config).run(manifests, List.of());
        assertThat(ran).containsExactly("config");
        assertThat(result.analyzers()).containsExactly("config");
        assertThat(result.notes()).singleElement().asString().contains("health", "live state only");
        assertThat(result.source()).isEqualTo("manifests");
    }

    @Test
    @DisplayName(
            "an analyzer that throws costs its own findings only, with a note; a problem for the caller is passed on")
    void throwingAnalyzer() {
        var broken = new Fake("broken", true, List.of(), (s, f) -> {
            f.note("looked at half");
            throw new IllegalStateException("boom at object 7");
        });
        var config = new Fake("config", true, List.of(CONF), (s, f) -> f.report(CONF, pod(s, "a"), null, "m", "f"));
        AnalysisResult result = engine(broken, config).run(FixtureState.of(PODS), List.of());
        assertThat(result.findings()).extracting(Finding::checkId).containsExactly("conf");
        assertThat(result.notes())
                .containsExactly(
                        "looked at half",
                        "The broken analyzer failed (IllegalStateException); its findings are missing from this result");

        var refusing = new Fake("refusing", true, List.of(), (s, f) -> {
            throw ApiException.forbidden("forbidden", "no");
        });
        assertThatThrownBy(() -> engine(refusing).run(FixtureState.of(PODS), List.of()))
                .isInstanceOf(ApiException.class);
    }

    @Test
    @DisplayName("progress is told before each analyzer; the catalog names each check's analyzer")
    void progressAndCatalog() {
        var health = new Fake("health", false, List.of(BAD, MEH), (s, f) -> {});
        var config = new Fake("config", true, List.of(CONF), (s, f) -> {});
        var engine = engine(health, config);
        List<String> told = new ArrayList<>();
        engine.run(
                FixtureState.of(PODS), List.of(), (name, index, total) -> told.add(name + " " + index + "/" + total));
        assertThat(told).containsExactly("config 0/2", "health 1/2");
        assertThat(engine.catalog())
                .extracting(c -> c.analyzer() + ":" + c.id())
                .containsExactly("config:conf", "health:bad", "health:meh");
        assertThat(engine.checks()).hasSize(3);
        assertThat(engine.analyzers()).extracting(Analyzer::name).containsExactly("config", "health");
    }

    @Test
    @DisplayName("two analyzers of one name are refused at start-up")
    void duplicateNames() {
        var a = new Fake("health", false, List.of(), (s, f) -> {});
        var b = new Fake("health", true, List.of(), (s, f) -> {});
        assertThatThrownBy(() -> engine(a, b)).isInstanceOf(IllegalStateException.class);
    }
}
