package dev.cloudops.testing;

import dev.cloudops.demo.FaithfulDispatcher;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 mock API server in CRUD mode (http, in-process) with discovery and dry run answered as a real
 * kube-apiserver would, plus the kubeconfig a user would register it with.
 */
public final class MockCluster implements AutoCloseable {

    public static final String TOKEN = "s3cr3t-bearer-token-for-tests";

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;
    private final ProcessContainers containers = new ProcessContainers();

    private MockCluster(int nodes) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        FaithfulDispatcher dispatcher = new FaithfulDispatcher(responses) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse exec = containers.answer(request);
                return exec != null ? exec : super.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
        for (int i = 0; i < nodes; i++) {
            client.nodes()
                    .resource(new NodeBuilder()
                            .withNewMetadata()
                            .withName("node-" + i)
                            .addToLabels("kubernetes.io/hostname", "node-" + i)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    public static MockCluster start(int nodes) {
        return new MockCluster(nodes);
    }

    /** A client talking to the mock directly, to arrange state or check it behind the platform's back. */
    public NamespacedKubernetesClient client() {
        return client;
    }

    public <T extends HasMetadata> T create(T object) {
        return client.resource(object).create();
    }

    /** Creates a namespace and answers its name. */
    public String namespace(String name) {
        create(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build());
        return name;
    }

    /** Creates a pod scheduled on {@code node-0} with the given labels and containers (image {@code <name>:1}). */
    public void pod(String namespace, String name, java.util.Map<String, String> labels, String... containers) {
        var spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder().withNodeName("node-0");
        for (String container : containers) {
            spec.addNewContainer()
                    .withName(container)
                    .withImage(container + ":1")
                    .endContainer();
        }
        create(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withSpec(spec.build())
                .build());
    }

    /**
     * Creates a pod whose containers are running; exec into them runs real processes on this machine (see
     * {@link ProcessContainers}).
     */
    public void runningPod(String namespace, String name, String... containers) {
        pod(namespace, name, Map.of("app", name), containers);
        var status = new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running");
        for (String container : containers) {
            status.addNewContainerStatus()
                    .withName(container)
                    .withImage(container + ":1")
                    .withReady(true)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt("2026-11-24T10:00:00Z")
                    .endRunning()
                    .endState()
                    .endContainerStatus();
        }
        client.pods().inNamespace(namespace).withName(name).editStatus(p -> {
            p.setStatus(status.build());
            return p;
        });
    }

    /** The simulated containers behind exec: their images and the exec requests they received. */
    public ProcessContainers containers() {
        return containers;
    }

    /** Serves {@code body} as a pod's log for requests with exactly this query ({@code &container=…}). */
    public void serveLog(String namespace, String pod, String query, String body) {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?pretty=false" + query)
                .andReturn(200, body)
                .always();
    }

    public String url() {
        return "http://localhost:" + server.getPort();
    }

    public String kubeconfig() {
        return kubeconfig(url(), "test-context");
    }

    public static String kubeconfig(String serverUrl, String context) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: %s
                  context:
                    cluster: mock
                    user: tester
                current-context: %s
                users:
                - name: tester
                  user:
                    token: %s
                """.formatted(serverUrl, context, context, TOKEN);
    }

    public KubernetesMockServer server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
