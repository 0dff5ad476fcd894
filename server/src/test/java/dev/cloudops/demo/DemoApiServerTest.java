package dev.cloudops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoApiServerTest {

    private static final List<HasMetadata> FIXTURES = DemoFixtures.objects(DemoFixturesTest.CLOCK);

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

    private static long count(String kind) {
        return FIXTURES.stream().filter(o -> o.getKind().equals(kind)).count();
    }

    private static Pod pod(String namespace, String workload) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel("app.kubernetes.io/name", workload)
                .list()
                .getItems()
                .get(0);
    }

    @Test
    @DisplayName("serves the fixtures over plain HTTP to a client built from its kubeconfig, reporting v1.31.4")
    void lists() {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(server.kubeconfigYaml()).contains("current-context: demo", "server: " + server.url());
        assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4");
        assertThat(client.nodes().list().getItems()).hasSize(3);
        assertThat(client.namespaces().list().getItems()).hasSize(6);
        assertThat(client.pods().inAnyNamespace().list().getItems()).hasSize((int) count("Pod"));
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems())
                .hasSize((int) count("Deployment"));
        assertThat(client.pods()
                        .inNamespace("shop")
                        .withLabel("tier", "frontend")
                        .list()
                        .getItems())
                .hasSize(3);
        Pod crashing = pod("shop", "recommendations");
        assertThat(crashing.getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .getState()
                        .getWaiting()
                        .getReason())
                .isEqualTo("CrashLoopBackOff");
    }

    @Test
    @DisplayName("keeps owner references pointing at the uids the server assigned")
    void ownerUids() {
        Pod web = pod("shop", "web");
        ReplicaSet owner = client.apps()
                .replicaSets()
                .inNamespace("shop")
                .withName(web.getMetadata().getOwnerReferences().get(0).getName())
                .get();
        assertThat(web.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(owner.getMetadata().getUid());
        assertThat(owner.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(client.apps()
                        .deployments()
                        .inNamespace("shop")
                        .withName("web")
                        .get()
                        .getMetadata()
                        .getUid());
    }

    @Test
    @DisplayName("serves the Backup custom resource definition and its instances, with their status")
    void customResources() {
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(DemoFixtures.CRD_NAME)
                        .get())
                .isNotNull();
        List<GenericKubernetesResource> backups = client.genericKubernetesResources(
                        DemoFixtures.CRD_GROUP + "/" + DemoFixtures.CRD_VERSION, DemoFixtures.CRD_KIND)
                .inAnyNamespace()
                .list()
                .getItems();
        assertThat(backups).hasSize(3).allSatisfy(b -> {
            assertThat(((Map<?, ?>) b.getAdditionalProperties().get("spec")).containsKey("schedule"))
                    .isTrue();
            assertThat(((Map<?, ?>) b.getAdditionalProperties().get("status")).containsKey("phase"))
                    .isTrue();
        });
    }

    @Test
    @DisplayName("serves generated logs through the client: tail of a container, and of the only container")
    void logs() {
        String web = pod("shop", "web").getMetadata().getName();
        String log = client.pods()
                .inNamespace("shop")
                .withName(web)
                .inContainer("web")
                .tailingLines(10)
                .getLog();
        assertThat(log.split("\n")).hasSize(10);
        assertThat(client.pods()
                        .inNamespace("shop")
                        .withName(web)
                        .inContainer("web")
                        .tailingLines(10)
                        .getLog())
                .isEqualTo(log);
        String stamped = client.pods()
                .inNamespace("shop")
                .withName(web)
                .inContainer("web")
                .usingTimestamps()
                .tailingLines(3)
                .getLog();
        assertThat(stamped.split("\n")).hasSize(3).allMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T[\\d:.]{18}Z .*"));
        String api = pod("payments", "payments-api").getMetadata().getName();
        assertThat(client.pods()
                        .inNamespace("payments")
                        .withName(api)
                        .inContainer("envoy")
                        .tailingLines(4)
                        .getLog()
                        .split("\n"))
                .hasSize(4);
    }

    @Test
    @DisplayName("answers log requests the kubelet would refuse, and exec, with a clear error")
    void errors() throws Exception {
        String pulling = pod("shop", "search").getMetadata().getName();
        assertThatThrownBy(() -> client.pods()
                        .inNamespace("shop")
                        .withName(pulling)
                        .inContainer("search")
                        .getLog())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("is waiting to start: trying and failing to pull image");
                });
        assertThatThrownBy(() -> client.pods()
                        .inNamespace("shop")
                        .withName("no-such-pod")
                        .getLog())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(404));
        HttpResponse<String> exec = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/shop/pods/" + pulling
                                        + "/exec?command=sh&stdout=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(exec.statusCode()).isEqualTo(400);
        assertThat(exec.body()).contains("exec is not available in the simulated demo cluster");
    }

    @Test
    @DisplayName("stays responsive while clients close watches in the middle of sending events")
    void closingWatches() {
        String prefix = "watch-" + UUID.randomUUID().toString().substring(0, 8);
        // The mock's own watch listener would freeze the server for a minute on such a close; see DemoSeeder.
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 10; i++) {
                Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        // Only the closing matters here.
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // Closed by the test.
                    }
                });
                client.configMaps()
                        .inNamespace("default")
                        .resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(prefix + "-" + i)
                                .endMetadata()
                                .addToData("i", String.valueOf(i))
                                .build())
                        .create();
                watch.close();
            }
            assertThat(client.configMaps().inNamespace("default").list().getItems())
                    .filteredOn(c -> c.getMetadata().getName().startsWith(prefix))
                    .hasSize(10);
        });
    }

    @Test
    @DisplayName("seeding again creates nothing and skips every object")
    void reseed() {
        DemoSeeder.Result result = new DemoSeeder(client).seed(FIXTURES);
        assertThat(result.created()).isZero();
        assertThat(result.skipped()).isEqualTo(FIXTURES.size());
        assertThat(client.pods().inAnyNamespace().list().getItems()).hasSize((int) count("Pod"));
    }
}
