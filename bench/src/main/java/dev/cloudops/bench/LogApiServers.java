package dev.cloudops.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API servers of the log-search benchmark, both on the loopback interface over plain http, both holding one
 * Running pod {@code bench/big-log} with container {@code app}:
 *
 * <ul>
 *   <li>{@link Mock}: a fabric8 {@code KubernetesMockServer} in CRUD mode whose dispatcher answers the pod's
 *       {@code log} subresource with a prebuilt log (the timestamped variant when the request asks for
 *       {@code timestamps=true}, as a kubelet would, the plain one otherwise; any other parameter is ignored).
 *       The mock holds a whole response body in memory, so this is for the 200 MB log.
 *   <li>{@link Streaming}: a JDK {@code HttpServer} answering only what the CloudOps server asks for a plain log
 *       read ({@code /version}, the node list, the pod, its log), which streams a log of any size, chunked, by
 *       writing one prebuilt block of whole lines again and again, never holding more than that block.
 * </ul>
 */
public final class LogApiServers {

    public static final String NAMESPACE = "bench";
    public static final String POD = "big-log";
    public static final String CONTAINER = "app";

    static final Pattern LOG_PATH =
            Pattern.compile("^/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD + "/log(?:\\?(.*))?$");

    /**
     * Legacy discovery documents, enough for {@code kubectl logs} to map {@code pods} (the CRUD mock has none):
     * the core group with pods and pods/log, and no other group.
     */
    static final Map<String, String> DISCOVERY = Map.of(
            "/api",
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                    + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:443\"}]}",
            "/apis",
            "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}",
            "/api/v1",
            "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                    + "{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
                    + "\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],"
                    + "\"shortNames\":[\"po\"],\"categories\":[\"all\"]},"
                    + "{\"name\":\"pods/log\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"Pod\","
                    + "\"verbs\":[\"get\"]}]}");

    private LogApiServers() {}

    /** True when a log request's query string asks for timestamps. */
    static boolean wantsTimestamps(String query) {
        if (query == null) {
            return false;
        }
        for (String part : query.split("&")) {
            if (part.equals("timestamps=true") || part.equals("timestamps=1")) {
                return true;
            }
        }
        return false;
    }

    /** The pod both servers hold: one container {@code app}, Running and ready. */
    static Pod pod() {
        return new PodBuilder()
                .withNewMetadata()
                .withName(POD)
                .withNamespace(NAMESPACE)
                .withUid("6f1d2c3b-0a4e-4b5c-9d8e-7f6a5b4c3d2e")
                .withResourceVersion("1")
                .addToLabels("app", "big-log")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(CONTAINER)
                .withImage("registry.example.com/shop/checkout:1.42.0")
                .endContainer()
                .withNodeName("node-1")
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .addNewContainerStatus()
                .withName(CONTAINER)
                .withReady(true)
                .withStarted(true)
                .withRestartCount(0)
                .withImage("registry.example.com/shop/checkout:1.42.0")
                .withImageID("registry.example.com/shop/checkout@sha256:" + "ab".repeat(32))
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-11-24T00:00:00Z")
                .endRunning()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    static VersionInfo version() {
        return new VersionInfo.Builder()
                .withMajor("1")
                .withMinor("32")
                .withGitVersion("v1.32.4-mock")
                .withPlatform("linux/amd64")
                .build();
    }

    /** The CRUD mock serving a prebuilt log. */
    public static final class Mock implements AutoCloseable {
        private final KubernetesMockServer server;
        private final LogDispatcher dispatcher;

        private Mock(KubernetesMockServer server, LogDispatcher dispatcher) {
            this.server = server;
            this.dispatcher = dispatcher;
        }

        public static Mock start(LogCorpus.Log log) {
            MockWebServer web = new MockWebServer();
            LogDispatcher dispatcher = new LogDispatcher(new KubernetesMixedDispatcher(new HashMap<>()), log, web);
            KubernetesMockServer server =
                    new KubernetesMockServer(new Context(), web, new HashMap<>(), dispatcher, false, version());
            server.init(InetAddress.getLoopbackAddress(), 0);
            Mock mock = new Mock(server, dispatcher);
            try (KubernetesClient client = server.createClient()) {
                client.resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(NAMESPACE)
                                .endMetadata()
                                .build())
                        .create();
                client.resource(new NodeBuilder()
                                .withNewMetadata()
                                .withName("node-1")
                                .endMetadata()
                                .build())
                        .create();
                Pod pod = pod();
                pod.getMetadata().setUid(null);
                pod.getMetadata().setResourceVersion(null);
                client.resource(pod).create();
            } catch (RuntimeException e) {
                mock.close();
                throw e;
            }
            return mock;
        }

        public String url() {
            return "http://127.0.0.1:" + server.getPort();
        }

        /** Log requests answered so far. */
        public long logRequests() {
            return dispatcher.logRequests.get();
        }

        /** Requests received so far per path (query left out). */
        public Map<String, Long> requests() {
            Map<String, Long> copy = new java.util.TreeMap<>();
            dispatcher.requests.forEach((k, v) -> copy.put(k, v.get()));
            return copy;
        }

        @Override
        public void close() {
            server.destroy();
        }
    }

    /** Answers the pod's log from the prebuilt byte arrays; everything else goes to the CRUD dispatcher. */
    private static final class LogDispatcher extends Dispatcher implements Resetable, CustomResourceAware {
        private final KubernetesMixedDispatcher delegate;
        private final LogCorpus.Log log;
        private final MockWebServer web;
        private final AtomicLong logRequests = new AtomicLong();
        private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

        LogDispatcher(KubernetesMixedDispatcher delegate, LogCorpus.Log log, MockWebServer web) {
            this.delegate = delegate;
            this.log = log;
            this.web = web;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            forgetRecordedRequests();
            String path = request.getPath();
            requests.computeIfAbsent(path.replaceAll("\\?.*", ""), p -> new AtomicLong())
                    .incrementAndGet();
            String discovery = DISCOVERY.get(path.replaceAll("\\?.*", ""));
            if (discovery != null) {
                return new MockResponse()
                        .setResponseCode(200)
                        .setHeader("Content-Type", "application/json")
                        .setBody(discovery);
            }
            Matcher m = LOG_PATH.matcher(path);
            if (!m.matches()) {
                return delegate.dispatch(request);
            }
            logRequests.incrementAndGet();
            return new MockResponse()
                    .setResponseCode(200)
                    .setHeader("Content-Type", "text/plain")
                    .setBody(wantsTimestamps(m.group(1)) ? log.timestamped() : log.plain());
        }

        /** The mock queues every request for tests to inspect; nobody inspects them here. */
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

    /** A minimal API server that streams a log of {@code logBytes} bytes without holding it. */
    public static final class Streaming implements AutoCloseable {
        private final HttpServer server;
        private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "streaming-api");
            t.setDaemon(true);
            return t;
        });
        private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
        private final AtomicLong bytesSent = new AtomicLong();

        private Streaming(HttpServer server) {
            this.server = server;
        }

        /**
         * Starts the server; each log request is answered with {@code block} (whole lines) repeated until at
         * least {@code logBytes} bytes are sent; {@code timestampedBlock} when timestamps are asked for.
         */
        public static Streaming start(byte[] block, byte[] timestampedBlock, long logBytes) throws IOException {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            Streaming s = new Streaming(http);
            String podJson = Serialization.asJson(pod());
            String nodes = Serialization.asJson(new NodeListBuilder()
                    .withNewMetadata()
                    .withResourceVersion("1")
                    .endMetadata()
                    .addNewItem()
                    .withNewMetadata()
                    .withName("node-1")
                    .endMetadata()
                    .endItem()
                    .build());
            String version = Serialization.asJson(version());
            String podList = Serialization.asJson(new io.fabric8.kubernetes.api.model.PodListBuilder()
                    .withNewMetadata()
                    .withResourceVersion("1")
                    .endMetadata()
                    .addToItems(pod())
                    .build());
            String podPath = "/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD;
            http.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getPath();
                    String query = exchange.getRequestURI().getRawQuery();
                    s.requests
                            .computeIfAbsent(path + (query == null ? "" : "?" + query), p -> new AtomicLong())
                            .incrementAndGet();
                    if (!exchange.getRequestMethod().equals("GET")) {
                        send(exchange, 405, status(405, "MethodNotAllowed", "read-only"));
                    } else if (path.equals("/version")) {
                        send(exchange, 200, version);
                    } else if (path.equals("/api/v1/nodes")) {
                        send(exchange, 200, nodes);
                    } else if (path.equals("/api/v1/namespaces/" + NAMESPACE + "/pods")
                            && (query == null || !query.contains("watch=true"))) {
                        send(exchange, 200, podList);
                    } else if (path.equals(podPath)) {
                        send(exchange, 200, podJson);
                    } else if (path.equals(podPath + "/log")) {
                        boolean ts = wantsTimestamps(exchange.getRequestURI().getRawQuery());
                        s.streamLog(exchange, ts ? timestampedBlock : block, logBytes);
                    } else {
                        send(exchange, 404, status(404, "NotFound", "the server could not find " + path));
                    }
                }
            });
            http.setExecutor(s.executor);
            http.start();
            return s;
        }

        private void streamLog(HttpExchange exchange, byte[] block, long logBytes) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0); // chunked
            long sent = 0;
            try (OutputStream out = exchange.getResponseBody()) {
                while (sent < logBytes) {
                    out.write(block);
                    sent += block.length;
                    bytesSent.addAndGet(block.length);
                }
            }
        }

        private static String status(int code, String reason, String message) {
            return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                    + message.replace("\"", "'") + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        }

        private static void send(HttpExchange exchange, int code, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Requests received per path, for the report. */
        public Map<String, Long> requests() {
            Map<String, Long> copy = new java.util.TreeMap<>();
            requests.forEach((k, v) -> copy.put(k, v.get()));
            return copy;
        }

        public long bytesSent() {
            return bytesSent.get();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
