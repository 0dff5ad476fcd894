package dev.cloudops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo cluster serves metrics.k8s.io")
class DemoMetricsTest {

    private static final List<HasMetadata> FIXTURES = DemoFixtures.objects(DemoFixturesTest.CLOCK);
    private static final ResourceDefinitionContext POD_METRICS = new ResourceDefinitionContext.Builder()
            .withGroup("metrics.k8s.io")
            .withVersion("v1beta1")
            .withKind("PodMetrics")
            .withPlural("pods")
            .withNamespaced(true)
            .build();
    private static final ResourceDefinitionContext NODE_METRICS = new ResourceDefinitionContext.Builder()
            .withGroup("metrics.k8s.io")
            .withVersion("v1beta1")
            .withKind("NodeMetrics")
            .withPlural("nodes")
            .withNamespaced(false)
            .build();

    private static DemoApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = DemoSeeder.start(DemoFixturesTest.CLOCK);
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.kubeconfigYaml()))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    @DisplayName("discovery lists PodMetrics and NodeMetrics, and core pods and nodes stay what they were")
    void discoveryAndIsolation() {
        var resources = client.getApiResources("metrics.k8s.io/v1beta1").getResources();
        assertThat(resources).extracting(r -> r.getKind()).contains("PodMetrics", "NodeMetrics");
        long pods = FIXTURES.stream().filter(o -> o.getKind().equals("Pod")).count();
        assertThat(client.pods().inAnyNamespace().list().getItems()).hasSize((int) pods);
        assertThat(client.nodes().list().getItems()).hasSize(DemoNodes.NAMES.size());
    }

    @Test
    @DisplayName("running containers have use within their limits; stories for the analyzers are in it")
    void values() {
        List<GenericKubernetesResource> podMetrics = client.genericKubernetesResources(POD_METRICS)
                .inAnyNamespace()
                .list()
                .getItems();
        assertThat(podMetrics).hasSizeGreaterThan(20);
        assertThat(podMetrics).noneMatch(m -> m.getMetadata().getName().startsWith("recommendations"));
        GenericKubernetesResource prometheus = podMetrics.stream()
                .filter(m -> m.getMetadata().getName().equals("prometheus-0"))
                .findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        var containers =
                (List<Map<String, Object>>) prometheus.getAdditionalProperties().get("containers");
        @SuppressWarnings("unchecked")
        var usage = (Map<String, Object>) containers.get(0).get("usage");
        double memory = Quantity.getAmountInBytes(new Quantity((String) usage.get("memory")))
                .doubleValue();
        assertThat(memory / (4.0 * 1024 * 1024 * 1024)).isBetween(0.9, 0.99);
        assertThat((String) usage.get("cpu")).endsWith("n");

        List<GenericKubernetesResource> nodeMetrics =
                client.genericKubernetesResources(NODE_METRICS).list().getItems();
        assertThat(nodeMetrics)
                .extracting(m -> m.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(DemoNodes.NAMES);
    }
}
