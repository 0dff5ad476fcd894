package dev.cloudops.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the demo cluster's objects through a fabric8 client, and starts the simulated API server that holds them
 * and serves their logs. The one class of the demo package that uses the fabric8 client and mock server.
 */
public final class DemoSeeder {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    /** How many objects a seeding created, and how many it skipped because they already existed. */
    public record Result(int created, int skipped) {}

    /** Lines a container's log holds at most, like a kubelet that rotates logs at about 10 MiB. */
    static final int MAX_LOG_LINES = 50_000;

    private static final Pattern UID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final KubernetesClient client;
    private final KubernetesSerialization json;

    /** A seeder that writes through {@code client}. */
    public DemoSeeder(KubernetesClient client) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
    }

    /**
     * Creates every object that does not exist yet, in the given order, and skips those that do, so running it twice
     * is harmless. The server assigns uids, so references to objects created earlier in the list (owner references,
     * involved objects, claim references) are rewritten to the uids the server gave them. Status the server dropped
     * on create (a custom resource with a status subresource) is written through the status subresource.
     */
    public Result seed(List<HasMetadata> objects) {
        Map<String, String> uids = new HashMap<>();
        int created = 0;
        int skipped = 0;
        for (HasMetadata fixture : objects) {
            HasMetadata object = json.unmarshal(remap(json.asJson(fixture), uids), fixture.getClass());
            object.getMetadata().setUid(null);
            object.getMetadata().setResourceVersion(null);
            HasMetadata stored;
            try {
                stored = restoreStatus(object, client.resource(object).create());
                created++;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                stored = client.resource(object).get();
                skipped++;
            }
            if (fixture.getMetadata().getUid() != null && stored != null) {
                uids.put(fixture.getMetadata().getUid(), stored.getMetadata().getUid());
            }
        }
        return new Result(created, skipped);
    }

    private static String remap(String text, Map<String, String> uids) {
        if (uids.isEmpty()) {
            return text;
        }
        return UID.matcher(text).replaceAll(m -> uids.getOrDefault(m.group(), m.group()));
    }

    private HasMetadata restoreStatus(HasMetadata wanted, HasMetadata stored) {
        Object status = json.convertValue(wanted, GenericKubernetesResource.class)
                .getAdditionalProperties()
                .get("status");
        GenericKubernetesResource current = json.convertValue(stored, GenericKubernetesResource.class);
        if (status == null || current.getAdditionalProperties().get("status") != null) {
            return stored;
        }
        current.setAdditionalProperty("status", status);
        return client.resource(current).updateStatus();
    }

    /** Starts the simulated API server on a free loopback port, seeded with {@link DemoFixtures} as of now. */
    public static DemoApiServer start() {
        return start(Clock.systemUTC());
    }

    /**
     * Starts the simulated API server on a free loopback port over plain HTTP (TLS would add seconds to start-up),
     * seeded with {@link DemoFixtures#objects(Clock)}; its pods' logs are generated as of the clock's current time.
     */
    public static DemoApiServer start(Clock clock) {
        // The mock server logs every request at INFO through java.util.logging; the demo is not a debugging session.
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        MockWebServer web = new MockWebServer();
        PodSubresourceDispatcher dispatcher = new PodSubresourceDispatcher(
                new FaithfulDispatcher(expectations),
                new DemoPodLogs(new DemoLogGenerator(), clock, MAX_LOG_LINES),
                web);
        VersionInfo version = new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("31")
                .withGitVersion(DemoFixtures.KUBERNETES_VERSION)
                .withPlatform("linux/amd64")
                .build();
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()), web, expectations, dispatcher, false, version);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        server.start(loopback, 0);
        DemoApiServer handle =
                new DemoApiServer("http://" + loopback.getHostAddress() + ":" + server.getPort(), server::destroy);
        try (KubernetesClient seeding = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(handle.kubeconfigYaml()))
                .build()) {
            new DemoSeeder(seeding).seed(DemoFixtures.objects(clock));
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    /**
     * Answers the pod subresources the CRUD mock does not know: {@code log} from generated text, {@code exec},
     * {@code attach} and {@code portforward} with a clear error. Everything else goes to the CRUD dispatcher.
     */
    private static final class PodSubresourceDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

        private static final Pattern POD_SUBRESOURCE = Pattern.compile(
                "^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)/(log|exec|attach|portforward)(?:\\?(.*))?$");

        private final KubernetesMixedDispatcher delegate;
        private final DemoPodLogs logs;
        private final MockWebServer web;

        PodSubresourceDispatcher(KubernetesMixedDispatcher delegate, DemoPodLogs logs, MockWebServer web) {
            this.delegate = delegate;
            this.logs = logs;
            this.web = web;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            forgetRecordedRequests();
            Matcher m = POD_SUBRESOURCE.matcher(request.getPath());
            if (!m.matches()) {
                return delegate.dispatch(request);
            }
            String namespace = m.group(1);
            String name = m.group(2);
            if (!m.group(3).equals("log")) {
                return error(DemoPodLogs.status(
                        HttpURLConnection.HTTP_BAD_REQUEST,
                        "BadRequest",
                        m.group(3) + " is not available in the simulated demo cluster: its containers run no"
                                + " processes"));
            }
            if (request.method() != HttpMethod.GET) {
                return error(DemoPodLogs.status(
                        HttpURLConnection.HTTP_BAD_METHOD,
                        "MethodNotAllowed",
                        "the server does not allow this method"));
            }
            MockResponse stored = delegate.dispatch(new RecordedRequest(
                    "HTTP/1.1",
                    HttpMethod.GET,
                    "/api/v1/namespaces/" + namespace + "/pods/" + name,
                    Headers.builder().build(),
                    new Buffer()));
            if (stored.code() != HttpURLConnection.HTTP_OK) {
                return error(DemoPodLogs.status(
                        HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "pods \"" + name + "\" not found"));
            }
            Pod pod = Serialization.unmarshal(stored.getBody().readUtf8(), Pod.class);
            DemoPodLogs.Answer answer = logs.answer(pod, m.group(4));
            if (answer.status() != null) {
                return error(answer.status());
            }
            return new MockResponse()
                    .setResponseCode(HttpURLConnection.HTTP_OK)
                    .setHeader("Content-Type", "text/plain")
                    .setBody(answer.body());
        }

        private static MockResponse error(Status status) {
            return new MockResponse()
                    .setResponseCode(status.getCode())
                    .setHeader("Content-Type", "application/json")
                    .setBody(Serialization.asJson(status));
        }

        /**
         * The mock server queues every request for tests to inspect; a demo server runs for days, so drop them
         * instead of keeping them all.
         */
        private void forgetRecordedRequests() {
            try {
                while (web.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
                    // Discard.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reset() {
            delegate.reset();
        }

        @Override
        public void expectCustomResource(CustomResourceDefinitionContext context) {
            delegate.expectCustomResource(context);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public void releaseResources() {
            delegate.releaseResources();
        }
    }
}
