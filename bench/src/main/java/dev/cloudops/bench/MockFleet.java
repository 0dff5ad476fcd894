package dev.cloudops.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Simulated clusters: fabric8 mock API servers in CRUD mode (plain http on the loopback interface), one per
 * cluster, in this JVM.
 */
public final class MockFleet implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One simulated cluster. */
    public record Member(String name, KubernetesMockServer server, String url) {}

    private final List<Member> members = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MockFleet() {}

    /** Starts {@code clusters} empty mock API servers named c01, c02, … */
    public static MockFleet start(int clusters) {
        MockFleet fleet = new MockFleet();
        try {
            for (int i = 1; i <= clusters; i++) {
                var dispatcher = new KubernetesMixedDispatcher(new HashMap<>());
                var server = new KubernetesMockServer(
                        new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false, version());
                server.init(InetAddress.getLoopbackAddress(), 0);
                String url = "http://127.0.0.1:" + server.getPort();
                fleet.members.add(new Member(clusterName(i), server, url));
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    static String clusterName(int i) {
        return String.format(Locale.ROOT, "c%02d", i);
    }

    private static VersionInfo version() {
        return new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("32")
                .withGitVersion("v1.32.4-mock")
                .withPlatform("linux/amd64")
                .build();
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /**
     * Creates namespaces, nodes and {@code pods} pods in every cluster through the Kubernetes API, one cluster
     * per thread. The mock's create scans every stored object (CPU-bound, linear in what it holds), so more
     * threads than cores only contend.
     */
    public void seed(int pods, int nodes, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Member m : members) {
                PodFactory factory = new PodFactory(m.name(), nodes);
                List<HasMetadata> objects = new ArrayList<>(factory.namespaces(pods));
                objects.addAll(factory.nodes());
                done.add(pool.submit(() -> {
                    create(m, objects);
                    create(m, IntStream.range(0, pods).mapToObj(factory::pod).toList());
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            for (Member m : members) {
                try (KubernetesClient client = m.server().createClient()) {
                    int seeded =
                            client.pods().inAnyNamespace().list().getItems().size();
                    if (seeded != pods) {
                        throw new IllegalStateException(m.name() + " holds " + seeded + " pods instead of " + pods);
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The same list kubectl is asked for, sent from this JVM to every mock server in sequence over plain HTTP
     * (one keep-alive client): what the API servers themselves cost, without kubectl's process start.
     */
    public KubectlFanOut.Round listSequentially(String labelSelector) throws IOException, InterruptedException {
        List<byte[]> bodies = new ArrayList<>(members.size());
        long start = System.nanoTime();
        for (Member m : members) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(m.url() + KubectlFanOut.rawPath(labelSelector)))
                    .header("Authorization", "Bearer bench-token-" + m.name())
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(m.name() + " answered HTTP " + r.statusCode());
            }
            bodies.add(r.body());
        }
        long nanos = System.nanoTime() - start;
        List<Integer> items = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            items.add(JSON.readTree(body).path("items").size());
        }
        return new KubectlFanOut.Round(nanos, items);
    }

    private static void create(Member m, List<? extends HasMetadata> objects) {
        try (KubernetesClient client = m.server().createClient()) {
            for (HasMetadata o : objects) {
                client.resource(o).create();
            }
        }
    }

    @Override
    public void close() {
        for (Member m : members) {
            try {
                m.server().destroy();
            } catch (RuntimeException e) {
                System.err.println("could not stop mock server " + m.name() + ": " + e);
            }
        }
        members.clear();
    }
}
