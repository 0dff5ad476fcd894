package dev.cloudops.analysis.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cloudops.analysis.AnalysisResult;
import dev.cloudops.analysis.AnalysisService;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.security.Role;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@DisplayName("Cost breakdown and usage analyzers through the platform")
class CostIT extends PlatformIT {

    @Autowired
    AnalysisService analysis;

    @Autowired
    AccessPolicy access;

    private static void cluster(MockCluster mock, boolean metrics) {
        mock.create(new NodeBuilder()
                .withNewMetadata()
                .withName("aws-1")
                .addToLabels("topology.kubernetes.io/region", "eu-west-1")
                .endMetadata()
                .withNewSpec()
                .withProviderID("aws:///eu-west-1a/i-0123")
                .endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("4"))
                .addToAllocatable("memory", new Quantity("16Gi"))
                .endStatus()
                .build());
        mock.namespace("shop");
        mock.namespace("ops");
        pod(mock, "shop", "cart", "2", "4Gi");
        pod(mock, "ops", "tools", "500m", "1Gi");
        if (metrics) {
            for (String[] kind : List.of(
                    new String[] {"pods", "PodMetrics", "Namespaced"},
                    new String[] {"nodes", "NodeMetrics", "Cluster"})) {
                mock.create(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName(kind[0] + ".metrics.k8s.io")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("metrics.k8s.io")
                        .withScope(kind[2])
                        .withNewNames()
                        .withKind(kind[1])
                        .withPlural(kind[0])
                        .endNames()
                        .addNewVersion()
                        .withName("v1beta1")
                        .withServed(true)
                        .withStorage(true)
                        .withNewSchema()
                        .withOpenAPIV3Schema(new JSONSchemaPropsBuilder()
                                .withType("object")
                                .withXKubernetesPreserveUnknownFields(true)
                                .build())
                        .endSchema()
                        .endVersion()
                        .endSpec()
                        .build());
            }
            metrics(mock, "shop", "cart-abc12-x", "10m", "100Mi");
            metrics(mock, "ops", "tools-abc12-x", "450m", "900Mi");
        }
    }

    private static void pod(MockCluster mock, String namespace, String workload, String cpu, String memory) {
        mock.create(new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(workload + "-abc12-x")
                .addToLabels("pod-template-hash", "abc12")
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(workload + "-abc12")
                .withUid("0f0e0d0c-0000-0000-0000-00000000000" + workload.length())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNodeName("aws-1")
                .addNewContainer()
                .withName("app")
                .withImage(workload + ":1")
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity(memory))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .endStatus()
                .build());
    }

    private static void metrics(MockCluster mock, String namespace, String pod, String cpu, String memory) {
        mock.client()
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("metrics.k8s.io/v1beta1")
                        .withKind("PodMetrics")
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(pod)
                        .endMetadata()
                        .addToAdditionalProperties(
                                "containers",
                                List.of(Map.of("name", "app", "usage", Map.of("cpu", cpu, "memory", memory))))
                        .build())
                .create();
    }

    private JsonNode waitForCost(long cluster, int workloads) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var r = api.get("/api/k8s/analysis/cost?clusterId=" + cluster, admin);
            last[0] = r.json();
            return r.status() == 200 && r.json().path("workloads").size() == workloads;
        });
        return last[0];
    }

    @Test
    @DisplayName("the breakdown prices requests by node provider and region, finds the idle workload, scopes by grant")
    void breakdown() {
        try (MockCluster mock = MockCluster.start(0)) {
            cluster(mock, true);
            long cluster = register(mock, unique("cost"));
            JsonNode report = waitForCost(cluster, 2);
            assertThat(report.path("metrics").asBoolean()).isTrue();
            assertThat(report.path("currency").asString()).isEqualTo("USD");
            assertThat(report.path("hoursPerMonth").asDouble()).isEqualTo(730);
            JsonNode cart = report.path("workloads").get(0);
            assertThat(cart.path("name").asString()).isEqualTo("cart");
            assertThat(cart.path("kind").asString()).isEqualTo("Deployment");
            assertThat(cart.path("provider").asString()).isEqualTo("aws");
            assertThat(cart.path("region").asString()).isEqualTo("eu-west-1");
            // Default prices: 2 vCPU * 0.031611 + 4 GiB * 0.004237, for 730 hours.
            assertThat(cart.path("monthly").asDouble())
                    .isEqualTo(Math.round((2 * 0.031611 + 4 * 0.004237) * 730 * 100) / 100.0);
            assertThat(cart.path("verdict").asString()).isEqualTo("idle");
            assertThat(cart.path("suggestions")
                            .get(0)
                            .path("suggestedCpuRequest")
                            .asString())
                    .isEqualTo("15m");
            assertThat(report.path("workloads").get(1).path("verdict").asString())
                    .isEqualTo("ok");
            assertThat(report.path("namespaces")).hasSize(2);
            assertThat(report.path("idleMonthly").asDouble())
                    .isEqualTo(cart.path("monthly").asDouble());

            String shopViewer = userWith(List.of(grant("VIEWER", cluster, "shop")));
            var scoped = api.get("/api/k8s/analysis/cost?clusterId=" + cluster, shopViewer);
            assertThat(scoped.status()).isEqualTo(200);
            assertThat(scoped.json().path("namespaces"))
                    .singleElement()
                    .satisfies(n -> assertThat(n.path("namespace").asString()).isEqualTo("shop"));
            var denied = api.get("/api/k8s/analysis/cost?clusterId=" + cluster + "&namespace=ops", shopViewer);
            assertThat(denied.status()).isEqualTo(403);
            var bad = api.get("/api/k8s/analysis/cost?clusterId=" + cluster + "&namespace=Not_A_Name", admin);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.code()).isEqualTo("invalid-namespace");
            assertThat(api.get("/api/k8s/analysis/cost?clusterId=987654321", admin)
                            .status())
                    .isEqualTo(404);

            AnalysisResult result = access.runAs(
                    new CurrentUser(1, "admin", List.of(new Grant(Role.ADMIN, null, null))),
                    () -> analysis.analyze(cluster, null, List.of("resources", "performance", "cost")));
            assertThat(result.findings())
                    .anyMatch(f -> f.checkId().equals("idleWorkload")
                            && f.subject().name().equals("cart"));
            assertThat(result.notes()).noneMatch(n -> n.contains("not served"));
        }
    }

    @Test
    @DisplayName("without metrics.k8s.io costs still come from requests, and the analyzers say what they skipped")
    void withoutMetrics() {
        try (MockCluster mock = MockCluster.start(0)) {
            cluster(mock, false);
            long cluster = register(mock, unique("nometrics"));
            JsonNode report = waitForCost(cluster, 2);
            assertThat(report.path("metrics").asBoolean()).isFalse();
            assertThat(report.path("monthly").asDouble()).isPositive();
            assertThat(report.path("workloads").get(0).path("verdict").asString())
                    .isEqualTo("unknown");
            assertThat(report.path("notes").toString()).contains("cannot be judged");

            AnalysisResult result = access.runAs(
                    new CurrentUser(1, "admin", List.of(new Grant(Role.ADMIN, null, null))),
                    () -> analysis.analyze(cluster, null, List.of("resources", "cost")));
            assertThat(result.notes()).contains(ResourcesAnalyzer.NO_METRICS);
            assertThat(result.findings()).noneMatch(f -> f.checkId().equals("idleWorkload"));
        }
    }
}
