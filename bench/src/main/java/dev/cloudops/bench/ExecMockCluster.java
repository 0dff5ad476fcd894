package dev.cloudops.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A fabric8 mock API server (CRUD) with one running pod {@value #NAMESPACE}/{@value #POD} whose exec subresource runs
 * real processes on this machine ({@code v4.channel.k8s.io}: channel 0 stdin, 1 stdout, 2 stderr, 3 status), so
 * file transfers go through real {@code tar}, {@code head} and {@code sh}.
 *
 * <p>The mock's WebSocket has no backpressure: what a process prints is queued in this JVM until sent. Standard
 * output is therefore paced by the benchmark's own client: a process may be at most {@link #WINDOW} bytes ahead of
 * what the client has received, so nothing piles up here and the server under test sees the pace its client sets.
 */
public final class ExecMockCluster implements AutoCloseable {

    public static final String NAMESPACE = "bench";
    public static final String POD = "files-0";
    public static final String CONTAINER = "app";
    static final long WINDOW = 32L << 20;

    private final KubernetesMockServer server;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong stdoutSent = new AtomicLong();
    private volatile LongSupplier clientReceived = () -> Long.MAX_VALUE;

    private ExecMockCluster() {
        MockWebServer web = new MockWebServer();
        KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(new HashMap<>()) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getPath();
                requests.computeIfAbsent(path.replaceAll("\\?.*", ""), p -> new AtomicLong())
                        .incrementAndGet();
                MockResponse exec = exec(request);
                return exec != null ? exec : super.dispatch(request);
            }
        };
        server = new KubernetesMockServer(
                new Context(), web, new HashMap<>(), dispatcher, false, LogApiServers.version());
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** Starts the mock with its namespace, node and running pod. */
    public static ExecMockCluster start() {
        ExecMockCluster cluster = new ExecMockCluster();
        try (KubernetesClient client = cluster.server.createClient()) {
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
            client.resource(new PodBuilder()
                            .withNewMetadata()
                            .withName(POD)
                            .withNamespace(NAMESPACE)
                            .endMetadata()
                            .withNewSpec()
                            .withNodeName("node-1")
                            .addNewContainer()
                            .withName(CONTAINER)
                            .withImage("busybox:1.36")
                            .endContainer()
                            .endSpec()
                            .build())
                    .create();
            client.pods().inNamespace(NAMESPACE).withName(POD).editStatus(p -> {
                p.setStatus(new PodStatusBuilder()
                        .withPhase("Running")
                        .addNewContainerStatus()
                        .withName(CONTAINER)
                        .withReady(true)
                        .withRestartCount(0)
                        .withImage("busybox:1.36")
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt("2026-11-24T00:00:00Z")
                        .endRunning()
                        .endState()
                        .endContainerStatus()
                        .build());
                return p;
            });
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A client of the mock itself, for what a Java tool would do without CloudOps. */
    public KubernetesClient client() {
        return server.createClient();
    }

    /** Paces every exec's standard output by what the benchmark's client has received so far. */
    public void paceBy(LongSupplier received) {
        stdoutSent.set(0);
        clientReceived = received;
    }

    /** Requests received so far per path (query left out). */
    public Map<String, Long> requests() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    @Override
    public void close() {
        server.destroy();
    }

    private MockResponse exec(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String[] segments = (query < 0 ? path : path.substring(0, query)).split("/");
        if (segments.length != 8 || !"exec".equals(segments[7]) || !"pods".equals(segments[5])) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        boolean stdin = false;
        for (String pair : query < 0 ? new String[0] : path.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.equals("command")) {
                argv.add(value);
            } else if (name.equals("stdin")) {
                stdin = Boolean.parseBoolean(value);
            }
        }
        return new MockResponse().withWebSocketUpgrade(new Session(List.copyOf(argv), stdin));
    }

    /** One exec connection: the process and the pumps between it and the WebSocket. */
    private final class Session extends WebSocketListener {
        private final List<String> argv;
        private final boolean stdin;
        private volatile Process process;

        Session(List<String> argv, boolean stdin) {
            this.argv = argv;
            this.stdin = stdin;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            try {
                process = new ProcessBuilder(argv)
                        .directory(new File(System.getProperty("java.io.tmpdir")))
                        .start();
            } catch (IOException e) {
                finish(
                        webSocket,
                        "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"exec failed: "
                                + e.getMessage().replace("\"", "'") + "\",\"reason\":\"InternalError\",\"code\":500}");
                return;
            }
            if (!stdin) {
                closeQuietly(process.getOutputStream());
            }
            Thread out = pump(process.getInputStream(), webSocket, 1, true);
            Thread err = pump(process.getErrorStream(), webSocket, 2, false);
            daemon("exec-wait", () -> {
                try {
                    int code = process.waitFor();
                    out.join();
                    err.join();
                    finish(
                            webSocket,
                            code == 0
                                    ? "{\"metadata\":{},\"status\":\"Success\"}"
                                    : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with"
                                            + " non-zero exit code: " + code + "\",\"reason\":\"NonZeroExitCode\","
                                            + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + code
                                            + "\"}]}}");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            onMessage(webSocket, bytes.toByteArray());
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            Process p = process;
            if (bytes.length > 1 && p != null && bytes[0] == 0 && stdin) {
                try {
                    OutputStream in = p.getOutputStream();
                    in.write(bytes, 1, bytes.length - 1);
                    in.flush();
                } catch (IOException e) {
                    // The process stopped reading; its exit says why.
                }
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            Process p = process;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }

        private Thread pump(InputStream from, WebSocket webSocket, int channel, boolean paced) {
            return daemon("exec-pump-" + channel, () -> {
                byte[] buffer = new byte[32 * 1024];
                try (from) {
                    int n;
                    while ((n = from.read(buffer, 1, buffer.length - 1)) >= 0) {
                        if (paced) {
                            while (stdoutSent.get() - clientReceived.getAsLong() > WINDOW) {
                                TimeUnit.MILLISECONDS.sleep(2);
                            }
                            stdoutSent.addAndGet(n);
                        }
                        buffer[0] = (byte) channel;
                        webSocket.send(Arrays.copyOf(buffer, n + 1));
                    }
                } catch (IOException e) {
                    // The process ended or was killed.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        private void finish(WebSocket webSocket, String status) {
            byte[] json = status.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[json.length + 1];
            frame[0] = 3;
            System.arraycopy(json, 0, frame, 1, json.length);
            webSocket.send(frame);
            webSocket.close(1000, "");
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Nothing to release.
        }
    }
}
