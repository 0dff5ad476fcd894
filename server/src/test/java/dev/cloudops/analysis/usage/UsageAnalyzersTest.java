package dev.cloudops.analysis.usage;

import static dev.cloudops.analysis.usage.FakeState.container;
import static dev.cloudops.analysis.usage.FakeState.map;
import static dev.cloudops.analysis.usage.FakeState.node;
import static dev.cloudops.analysis.usage.FakeState.nodeMetrics;
import static dev.cloudops.analysis.usage.FakeState.pod;
import static dev.cloudops.analysis.usage.FakeState.podMetrics;
import static dev.cloudops.analysis.usage.FakeState.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Findings;
import dev.cloudops.analysis.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("resources and performance analyzers")
class UsageAnalyzersTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));

    private static Findings run(dev.cloudops.analysis.Analyzer analyzer, FakeState state) {
        Findings findings = new Findings();
        analyzer.analyze(state, findings);
        return findings;
    }

    private static List<Finding> of(Findings findings, String check) {
        return findings.list().stream().filter(f -> f.checkId().equals(check)).toList();
    }

    @Test
    @DisplayName("a container near its memory limit and one at its CPU limit are found; a comfortable one is not")
    void containerUse() {
        var state = new FakeState(NOW)
                .add(node("n1", "4", "16Gi", null, null))
                .add(pod(
                        "shop",
                        "cart-1",
                        "cart",
                        "n1",
                        DAY_AGO,
                        List.of(container("app", "100m", "256Mi", "500m", "512Mi"))))
                .add(podMetrics("shop", "cart-1", "app", "480m", "500Mi"))
                .add(pod("shop", "web-1", "web", "n1", DAY_AGO, List.of(container("app", "100m", "256Mi", "1", "1Gi"))))
                .add(podMetrics("shop", "web-1", "app", "50m", "100Mi"))
                .add(nodeMetrics("n1", "1", "4Gi"));
        Findings findings = run(new ResourcesAnalyzer(), state);

        assertThat(of(findings, "memoryNearLimit")).singleElement().satisfies(f -> {
            assertThat(f.subject().name()).isEqualTo("cart-1");
            assertThat(f.container()).isEqualTo("app");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL); // 500Mi of 512Mi is past 97 %
            assertThat(f.message()).contains("500Mi", "512Mi", "98 %");
        });
        assertThat(of(findings, "cpuAtLimit"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("480m", "500m"));
        assertThat(findings.list()).noneMatch(f -> "web-1".equals(f.subject().name()));
        assertThat(findings.notes()).doesNotContain(ResourcesAnalyzer.NO_METRICS);
    }

    @Test
    @DisplayName("requests above a node's allocatable are critical; memory limits far above it a warning")
    void overcommit() {
        var state = new FakeState(NOW)
                .add(node("small", "1", "1Gi", null, null))
                .add(node("tight", "8", "4Gi", null, null))
                .add(pod("a", "p1", null, "small", DAY_AGO, List.of(container("c", "1500m", "256Mi", null, null))))
                .add(pod("a", "p2", null, "tight", DAY_AGO, List.of(container("c", "100m", "1Gi", null, "4Gi"))))
                .add(pod("a", "p3", null, "tight", DAY_AGO, List.of(container("c", "100m", "1Gi", null, "4Gi"))));
        Findings findings = run(new ResourcesAnalyzer(), state);
        assertThat(of(findings, "nodeRequestsOvercommitted")).singleElement().satisfies(f -> {
            assertThat(f.subject().name()).isEqualTo("small");
            assertThat(f.message()).contains("1500m");
        });
        assertThat(of(findings, "nodeLimitsOvercommitted"))
                .singleElement()
                .satisfies(f -> assertThat(f.subject().name()).isEqualTo("tight"));
    }

    @Test
    @DisplayName("BestEffort pods on a node with MemoryPressure are found, Burstable ones are not")
    void bestEffort() {
        var pressured = node("n1", "4", "8Gi", null, null);
        ((List<Object>) status(pressured).get("conditions")).add(map("type", "MemoryPressure", "status", "True"));
        var state = new FakeState(NOW)
                .add(pressured)
                .add(pod("a", "naked", null, "n1", DAY_AGO, List.of(map("name", "c", "image", "x"))))
                .add(pod("a", "dressed", null, "n1", DAY_AGO, List.of(container("c", "10m", "10Mi", null, null))));
        Findings findings = run(new ResourcesAnalyzer(), state);
        assertThat(of(findings, "bestEffortOnPressuredNode")).singleElement().satisfies(f -> {
            assertThat(f.subject().name()).isEqualTo("naked");
            assertThat(f.message()).contains("MemoryPressure");
        });
    }

    @Test
    @DisplayName("without metrics.k8s.io the use checks are skipped with a note and request checks still run")
    void noMetrics() {
        var state = new FakeState(NOW)
                .withoutMetrics()
                .add(node("small", "1", "1Gi", null, null))
                .add(pod("a", "p1", null, "small", DAY_AGO, List.of(container("c", "2", "128Mi", "2", "128Mi"))));
        Findings findings = run(new ResourcesAnalyzer(), state);
        assertThat(findings.notes()).contains(ResourcesAnalyzer.NO_METRICS);
        assertThat(of(findings, "nodeRequestsOvercommitted")).hasSize(1);
        assertThat(of(findings, "memoryNearLimit")).isEmpty();
    }

    @Test
    @DisplayName("restart rates per workload: many restarts in little time are critical, a few over days nothing")
    void restartRate() {
        var crashing = pod(
                "shop",
                "api-1",
                "api",
                "n1",
                NOW.minus(Duration.ofHours(2)),
                List.of(container("c", null, null, null, null)));
        ((List<Object>) status(crashing).get("containerStatuses")).add(map("name", "c", "restartCount", 12));
        var steady = pod(
                "shop",
                "db-1",
                "db",
                "n1",
                NOW.minus(Duration.ofDays(10)),
                List.of(container("c", null, null, null, null)));
        ((List<Object>) status(steady).get("containerStatuses")).add(map("name", "c", "restartCount", 4));
        var state = new FakeState(NOW).add(crashing).add(steady);
        Findings findings = run(new PerformanceAnalyzer(), state);
        assertThat(of(findings, "highRestartRate")).singleElement().satisfies(f -> {
            assertThat(f.subject().kind()).isEqualTo("Deployment");
            assertThat(f.subject().name()).isEqualTo("api");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains("12 restarts", "6.0 per hour");
        });
    }

    @Test
    @DisplayName("a pod unscheduled for 20 minutes is pending too long; one created a minute ago is not")
    void pending() {
        var old = pod(
                "shop",
                "big-1",
                "big",
                null,
                NOW.minus(Duration.ofMinutes(20)),
                List.of(container("c", "64", null, null, null)));
        status(old).put("phase", "Pending");
        ((List<Object>) status(old).get("conditions"))
                .add(map(
                        "type",
                        "PodScheduled",
                        "status",
                        "False",
                        "message",
                        "0/3 nodes are available: 3 Insufficient cpu."));
        var fresh = pod(
                "shop",
                "big-2",
                "big",
                null,
                NOW.minus(Duration.ofMinutes(1)),
                List.of(container("c", "64", null, null, null)));
        status(fresh).put("phase", "Pending");
        Findings findings =
                run(new PerformanceAnalyzer(), new FakeState(NOW).add(old).add(fresh));
        assertThat(of(findings, "pendingTooLong")).singleElement().satisfies(f -> {
            assertThat(f.subject().name()).isEqualTo("big-1");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("20m", "Insufficient cpu");
        });
    }

    @Test
    @DisplayName("stalled rollouts, autoscalers at their maximum and slow start-ups are reported")
    void rolloutsAndAutoscalers() {
        var deployment = map(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                map("namespace", "shop", "name", "cart"),
                "status",
                map(
                        "conditions",
                        List.of(map(
                                "type",
                                "Progressing",
                                "status",
                                "False",
                                "reason",
                                "ProgressDeadlineExceeded",
                                "message",
                                "ReplicaSet \"cart-7d\" has timed out progressing."))));
        var hpa = map(
                "apiVersion",
                "autoscaling/v2",
                "kind",
                "HorizontalPodAutoscaler",
                "metadata",
                map("namespace", "shop", "name", "web"),
                "spec",
                map("maxReplicas", 5, "scaleTargetRef", map("kind", "Deployment", "name", "web")),
                "status",
                map("currentReplicas", 5));
        var slow = pod(
                "shop",
                "web-1",
                "web",
                "n1",
                NOW.minus(Duration.ofHours(2)),
                List.of(container("c", null, null, null, null)));
        List<Object> conditions = (List<Object>) status(slow).get("conditions");
        conditions.add(map(
                "type",
                "PodScheduled",
                "status",
                "True",
                "lastTransitionTime",
                NOW.minus(Duration.ofMinutes(119)).toString()));
        conditions.add(map(
                "type",
                "Ready",
                "status",
                "True",
                "lastTransitionTime",
                NOW.minus(Duration.ofMinutes(110)).toString()));
        Findings findings = run(
                new PerformanceAnalyzer(),
                new FakeState(NOW).add(deployment).add(hpa).add(slow));
        assertThat(of(findings, "rolloutStalled"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("timed out progressing"));
        assertThat(of(findings, "hpaAtMaxReplicas"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("5 replicas of Deployment/web"));
        assertThat(of(findings, "slowStartup"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("10m", "1m waiting for a node"));
        assertThat(findings.notes()).anyMatch(n -> n.startsWith("Risk summary"));
    }

    @Test
    @DisplayName("the risk summary counts throttled, near-OOM and above-request containers and BestEffort pods")
    void riskSummary() {
        var state = new FakeState(NOW)
                .add(pod(
                        "a",
                        "p",
                        null,
                        "n",
                        DAY_AGO,
                        new ArrayList<>(List.of(
                                container("hot", "100m", "100Mi", "200m", "200Mi"),
                                container("fat", "100m", "100Mi", null, null)))))
                .add(podMetrics("a", "p", "hot", "199m", "190Mi", "fat", "1m", "150Mi"))
                .add(pod("a", "q", null, "n", DAY_AGO, List.of(map("name", "c", "image", "x"))));
        String summary = PerformanceAnalyzer.riskSummary(Usage.of(state));
        assertThat(summary)
                .contains(
                        "1 container(s) at their CPU limit",
                        "1 near their memory limit",
                        "1 above their memory request",
                        "1 BestEffort");
        assertThat(PerformanceAnalyzer.riskSummary(Usage.of(new FakeState(NOW).withoutMetrics())))
                .contains("not judged");
    }

    @Test
    @DisplayName("pods map to their workload: Deployment through the template hash, others by their owner")
    void workloads() {
        assertThat(Workload.of(pod("a", "x-abc12-zz", "x", "n", NOW, List.of())))
                .isEqualTo(new Workload("Deployment", "a", "x"));
        Map<String, Object> sts = pod("a", "db-0", null, "n", NOW, List.of());
        ((Map<String, Object>) sts.get("metadata"))
                .put("ownerReferences", List.of(map("kind", "StatefulSet", "name", "db", "controller", true)));
        assertThat(Workload.of(sts)).isEqualTo(new Workload("StatefulSet", "a", "db"));
        assertThat(Workload.of(pod("a", "bare", null, "n", NOW, List.of())))
                .isEqualTo(new Workload("Pod", "a", "bare"));
    }
}
