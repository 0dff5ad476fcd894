package dev.cloudops.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Provider detection of registered clusters, and copying objects between clusters")
class CloudToolsIT extends CloudTestSupport {

    @Test
    @DisplayName("EKS nodes (provider IDs, labels) identify an imported cluster and the accounts that cover it")
    void detect() throws Exception {
        try (MockCluster mock = MockCluster.start(0)) {
            for (int i = 0; i < 2; i++) {
                mock.create(new NodeBuilder()
                        .withNewMetadata()
                        .withName("ip-10-0-0-" + i)
                        .addToLabels("eks.amazonaws.com/nodegroup", "workers")
                        .addToLabels("topology.kubernetes.io/region", "eu-west-1")
                        .endMetadata()
                        .withNewSpec()
                        .withProviderID("aws:///eu-west-1a/i-0abc" + i)
                        .endSpec()
                        .build());
            }
            long cluster = register(mock, unique("kc"));
            long account = account(key());
            var r = api.get("/api/k8s/cloud/detect/" + cluster, admin);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().path("provider").asString()).isEqualTo("aws");
            assertThat(r.json().path("providerName").asString()).isEqualTo("Amazon EKS");
            assertThat(r.json().path("available").asBoolean()).isTrue();
            assertThat(r.json().path("region").asString()).isEqualTo("eu-west-1");
            assertThat(r.json().path("nodesChecked").asInt()).isEqualTo(2);
            assertThat(r.json().path("evidence")).hasSize(4);
            assertThat(r.json().path("accounts").toString()).contains(String.valueOf(account));

            String viewer = userWith(List.of(grant("VIEWER", cluster, "default")));
            var hostOnly = api.get("/api/k8s/cloud/detect/" + cluster, viewer);
            assertThat(hostOnly.json().path("nodesChecked").asInt()).isZero();
            assertThat(hostOnly.json().path("provider").isNull()).isTrue();
            assertThat(hostOnly.json().path("accounts")).isEmpty();
            assertThat(api.get("/api/k8s/cloud/detect/999999", admin).code()).isEqualTo("cluster-not-found");
        }
    }

    @Test
    @DisplayName("objects are copied to every target with a per-object report; a failing object does not stop the rest")
    void copyBetweenClusters() throws Exception {
        try (MockCluster source = MockCluster.start(0);
                MockCluster first = MockCluster.start(0);
                MockCluster second = MockCluster.start(0)) {
            String ns = source.namespace(unique("ns"));
            first.namespace(ns);
            source.create(new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("settings")
                    .withNamespace(ns)
                    .addToLabels("app", "shop")
                    .endMetadata()
                    .addToData("color", "blue")
                    .build());
            source.create(new ServiceBuilder()
                    .withNewMetadata()
                    .withName("web")
                    .withNamespace(ns)
                    .endMetadata()
                    .withNewSpec()
                    .withClusterIP("10.96.0.15")
                    .addNewPort()
                    .withPort(80)
                    .endPort()
                    .endSpec()
                    .build());
            long from = register(source, unique("src"));
            long to1 = register(first, unique("dst"));
            // The second target is restricted to another namespace: its copies fail, the first's go on.
            var restricted = api.post(
                    "/api/k8s/cluster/create",
                    Map.of(
                            "name",
                            unique("dst"),
                            "kubeconfig",
                            second.kubeconfig(),
                            "namespaces",
                            List.of("elsewhere")),
                    admin);
            long to2 = restricted.json().path("id").asLong();
            Map<String, Object> body = Map.of(
                    "sourceClusterId",
                    from,
                    "objects",
                    List.of(
                            Map.of("kind", "configmaps", "namespace", ns, "name", "settings"),
                            Map.of("kind", "services", "namespace", ns, "name", "web")),
                    "targetClusterIds",
                    List.of(to1, to2),
                    "dryRun",
                    false);
            var r = api.post("/api/k8s/cloud/sync", body, admin);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().path("results")).hasSize(4);
            assertThat(r.json().path("copied").asInt()).isEqualTo(2);
            assertThat(r.json().path("failed").asInt()).isEqualTo(2);
            assertThat(r.json().path("results").get(0).path("result").asString())
                    .isEqualTo("CREATED");
            assertThat(r.json().path("results").get(2).path("result").asString())
                    .isEqualTo("FAILED");
            assertThat(r.json().path("results").get(2).path("error").asString()).isEqualTo("namespace-restricted");
            assertThat(second.client()
                            .configMaps()
                            .inNamespace(ns)
                            .withName("settings")
                            .get())
                    .isNull();

            var copied = first.client()
                    .configMaps()
                    .inNamespace(ns)
                    .withName("settings")
                    .get();
            assertThat(copied.getData()).containsEntry("color", "blue");
            assertThat(copied.getMetadata().getLabels()).containsEntry("app", "shop");
            var service =
                    first.client().services().inNamespace(ns).withName("web").get();
            assertThat(service.getSpec().getClusterIP()).isNotEqualTo("10.96.0.15");

            var again = api.post(
                    "/api/k8s/cloud/sync",
                    Map.of(
                            "sourceClusterId",
                            from,
                            "objects",
                            List.of(Map.of("kind", "configmaps", "namespace", ns, "name", "settings")),
                            "targetClusterIds",
                            List.of(to1),
                            "dryRun",
                            true),
                    admin);
            assertThat(again.json().path("dryRun").asBoolean()).isTrue();
            assertThat(again.json().path("results").get(0).path("result").asString())
                    .isEqualTo("UNCHANGED");

            assertThat(api.post(
                                    "/api/k8s/cloud/sync",
                                    Map.of(
                                            "sourceClusterId", from,
                                            "objects", List.of(),
                                            "targetClusterIds", List.of(to1)),
                                    admin)
                            .code())
                    .isEqualTo("invalid-field");
            assertThat(api.post(
                                    "/api/k8s/cloud/sync",
                                    Map.of(
                                            "sourceClusterId", from,
                                            "objects",
                                                    List.of(Map.of(
                                                            "kind", "configmaps", "namespace", ns, "name", "settings")),
                                            "targetClusterIds", List.of(from)),
                                    admin)
                            .code())
                    .isEqualTo("invalid-field");
            String reader = userWith(List.of(grant("VIEWER", null, null)));
            var denied = api.post("/api/k8s/cloud/sync", body, reader);
            assertThat(denied.json().path("failed").asInt()).isEqualTo(4);
            assertThat(denied.json().path("results").get(0).path("error").asString())
                    .isEqualTo("forbidden");
        }
    }
}
