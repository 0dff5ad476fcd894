package dev.cloudops.analysis.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.ClusterState;
import dev.cloudops.analysis.Finding;
import dev.cloudops.analysis.Findings;
import dev.cloudops.demo.DemoApiServer;
import dev.cloudops.demo.DemoSeeder;
import dev.cloudops.platform.CloudOpsProperties;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The usage analyzers on the simulated demo cluster: findings a person looking at it would agree with. */
@DisplayName("usage analyzers on the demo cluster")
class DemoUsageTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static DemoApiServer server;
    private static ClusterState state;

    @BeforeAll
    static void start() {
        server = DemoSeeder.start(Clock.fixed(NOW, ZoneOffset.UTC));
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.kubeconfigYaml()))
                .build()) {
            Map<String, List<Map<String, Object>>> objects = new HashMap<>();
            objects.put("Pod", maps(client.pods().inAnyNamespace().list().getItems()));
            objects.put("Node", maps(client.nodes().list().getItems()));
            objects.put(
                    "Deployment",
                    maps(client.apps().deployments().inAnyNamespace().list().getItems()));
            objects.put(
                    "HorizontalPodAutoscaler",
                    maps(client.autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inAnyNamespace()
                            .list()
                            .getItems()));
            objects.put(
                    "PodMetrics",
                    maps(client.genericKubernetesResources(metrics("PodMetrics", "pods", true))
                            .inAnyNamespace()
                            .list()
                            .getItems()));
            objects.put(
                    "NodeMetrics",
                    maps(client.genericKubernetesResources(metrics("NodeMetrics", "nodes", false))
                            .list()
                            .getItems()));
            state = new ClusterState() {
                @Override
                public String source() {
                    return "demo";
                }

                @Override
                public boolean live() {
                    return true;
                }

                @Override
                public Instant observedAt() {
                    return NOW.plusSeconds(60);
                }

                @Override
                public boolean serves(String kind) {
                    return true;
                }

                @Override
                public List<Map<String, Object>> objects(String kind) {
                    return objects.getOrDefault(kind, List.of());
                }
            };
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ResourceDefinitionContext metrics(String kind, String plural, boolean namespaced) {
        return new ResourceDefinitionContext.Builder()
                .withGroup("metrics.k8s.io")
                .withVersion("v1beta1")
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(namespaced)
                .build();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<?> items) {
        return items.stream()
                .map(i -> (Map<String, Object>) Serialization.jsonMapper().convertValue(i, Map.class))
                .toList();
    }

    private static List<String> found(dev.cloudops.analysis.Analyzer analyzer) {
        Findings findings = new Findings();
        analyzer.analyze(state, findings);
        return findings.list().stream().map(DemoUsageTest::describe).toList();
    }

    private static String describe(Finding f) {
        return f.checkId() + " " + f.subject().namespace() + "/" + f.subject().name();
    }

    @Test
    @DisplayName("resources: Prometheus near its memory limit, checkout throttled, and a quiet web tier")
    void resources() {
        List<String> found = found(new ResourcesAnalyzer());
        assertThat(found).contains("memoryNearLimit monitoring/prometheus-0");
        assertThat(found).anyMatch(f -> f.startsWith("cpuAtLimit shop/checkout-"));
        assertThat(found).noneMatch(f -> f.contains("shop/web-"));
    }

    @Test
    @DisplayName("performance: the crash loops restart too often and the pod that fits nowhere waits too long")
    void performance() {
        List<String> found = found(new PerformanceAnalyzer());
        assertThat(found).contains("highRestartRate shop/recommendations");
        assertThat(found).anyMatch(f -> f.startsWith("pendingTooLong shop/image-resizer-"));
        assertThat(found).noneMatch(f -> f.contains("shop/web"));
    }

    @Test
    @DisplayName("cost: the fraud detector is idle, payments-api over-provisioned, AWS eu-west-1 prices apply")
    void cost() {
        var settings = new CloudOpsProperties.Cost(
                "USD",
                730,
                0.031611,
                0.004237,
                List.of(new CloudOpsProperties.Price("aws", "eu-west-1", 0.05, 0.006)),
                0.1,
                0.5,
                0.3);
        CostModel model = new CostModel(settings);
        CostReport report = model.report(state);
        assertThat(report.metrics()).isTrue();
        assertThat(report.monthly()).isPositive();
        var fraud = report.workloads().stream()
                .filter(w -> w.name().equals("fraud-detector"))
                .findFirst()
                .orElseThrow();
        assertThat(fraud.verdict()).isEqualTo("idle");
        assertThat(fraud.provider()).isEqualTo("aws");
        assertThat(fraud.region()).isEqualTo("eu-west-1");
        // 2 vCPU and 8 GiB at the eu-west-1 price for 730 hours.
        assertThat(fraud.monthly()).isEqualTo(CostModel.money((2 * 0.05 + 8 * 0.006) * 730));
        List<String> found = found(new CostAnalyzer(model));
        assertThat(found).contains("idleWorkload payments/fraud-detector", "overProvisioned payments/payments-api");
        assertThat(found).doesNotContain("idleWorkload monitoring/prometheus");
    }
}
