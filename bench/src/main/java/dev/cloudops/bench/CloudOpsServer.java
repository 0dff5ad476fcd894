package dev.cloudops.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CloudOps server under test, run as a child process from its executable jar, and a client of its API. */
public final class CloudOpsServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

    /** A timed response: status, raw body and the wall time from sending to the last byte received. */
    public record Fetch(int status, byte[] body, long nanos) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public double millis() {
            return nanos / 1e6;
        }
    }

    /** Heap after a full GC, from {@code jcmd GC.heap_info}. */
    public record Heap(long usedKb, long committedKb, String line) {}

    private static final Pattern GC_AFTER = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String token;

    private CloudOpsServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmArgs> -jar <jar>} on a free port with a fresh data directory under {@code workDir}
     * and waits until the admin can log in.
     */
    public static CloudOpsServer start(Path jar, Path workDir, List<String> jvmArgs, String adminPassword)
            throws IOException, InterruptedException {
        int port = freePort();
        Path data = Files.createDirectories(workDir.resolve("server-data"));
        Path log = workDir.resolve("server.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--cloudops.data-dir=" + data);
        command.add("--server.port=" + port);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CLOUDOPS_ADMIN_PASSWORD", adminPassword);
        CloudOpsServer server = new CloudOpsServer(pb.start(), URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitLogin("admin", adminPassword, Duration.ofMinutes(3));
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private void awaitLogin(String user, String password, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = JSON.writeValueAsString(Map.of("username", user, "password", password));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(
                        json(HttpRequest.newBuilder(base.resolve("/api/auth/login")))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    token = JSON.readTree(r.body()).path("token").asText();
                    return;
                }
                // The admin is created just after the port opens (an ApplicationRunner): retry a 401 for a while.
                if (r.statusCode() != 401 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("login failed with HTTP " + r.statusCode() + ": " + r.body());
                }
                Thread.sleep(250);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server did not start within " + timeout + "; see " + log, e);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Registers a cluster and returns its id. */
    public long registerCluster(String name, String kubeconfig) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", name, "kubeconfig", kubeconfig));
        HttpResponse<String> r = http.send(
                authorized(json(HttpRequest.newBuilder(base.resolve("/api/k8s/cluster/create"))))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(
                    "registering " + name + " failed with HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("id").asLong();
    }

    /** {@code GET /api/k8s/fleet/pods?labelSelector=…&limit=…}, timed to the last byte. */
    public Fetch fleetPods(String labelSelector, int limit) throws IOException, InterruptedException {
        String query = "labelSelector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8) + "&limit=" + limit;
        return get("/api/k8s/fleet/pods?" + query);
    }

    /** {@code GET /api/k8s/fleet/nodes}: a handful of rows, so mostly the fixed cost of a request. */
    public Fetch fleetNodes() throws IOException, InterruptedException {
        return get("/api/k8s/fleet/nodes?limit=5000");
    }

    /** The value of an actuator metric, e.g. {@code cloudops.kube.cache.size} with tag {@code kind:pods}. */
    public double metric(String name, String tag) throws IOException, InterruptedException {
        Fetch f = get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
        if (f.status() != 200) {
            throw new IllegalStateException("metric " + name + " answered HTTP " + f.status());
        }
        return f.json().path("measurements").path(0).path("value").asDouble();
    }

    /** A streamed answer read to its end: bytes, matching JSON lines ({@code "type":"match"}) and the last line. */
    public record Streamed(int status, long bytes, long matchLines, String lastLine, long nanos) {
        public double millis() {
            return nanos / 1e6;
        }
    }

    /**
     * {@code GET pathAndQuery}, reading the whole answer as it streams (never holding it) and counting the lines
     * that start with {@code {"type":"match"}; timed from sending to the last byte.
     */
    public Streamed stream(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(pathAndQuery)))
                .timeout(Duration.ofMinutes(10))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        LineCounter counter = new LineCounter("{\"type\":\"match\"");
        try (java.io.InputStream in = r.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                counter.accept(buffer, n);
            }
        }
        long nanos = System.nanoTime() - start;
        return new Streamed(r.statusCode(), counter.bytes(), counter.matching(), counter.lastLine(), nanos);
    }

    /** The sum of an actuator metric's measurement over the given tags (each {@code key:value}), URL-encoded. */
    public double metricValue(String name, List<String> tags) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        for (String tag : tags) {
            query.append(query.length() == 0 ? '?' : '&')
                    .append("tag=")
                    .append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
        }
        Fetch f = get("/actuator/metrics/" + name + query);
        if (f.status() != 200) {
            throw new IllegalStateException("metric " + name + " " + tags + " answered HTTP " + f.status());
        }
        return f.json().path("measurements").path(0).path("value").asDouble();
    }

    private Fetch get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(pathAndQuery)))
                .timeout(Duration.ofMinutes(2))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        return new Fetch(r.statusCode(), r.body(), nanos);
    }

    /** True once the server has died of, or logged, an OutOfMemoryError. */
    public boolean outOfMemory() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains("OutOfMemoryError");
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What a {@code -Xlog:gc:file=…} log says about heap pressure: how many full GCs the heap forced (not those
     * asked for with jcmd) and the most a full GC found live, in KB. Young GCs are ignored: what they leave
     * includes old garbage, and when they fail to evacuate they leave a full heap.
     */
    public record GcPressure(int forcedFullGcs, long maxLiveKb) {}

    public static GcPressure gcPressure(Path gcLog) throws IOException {
        int forced = 0;
        long live = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            if (!line.contains("Pause Full")
                    || line.contains("Diagnostic Command")
                    || line.contains("Heap Inspection")) {
                continue;
            }
            forced++;
            Matcher m = GC_AFTER.matcher(line);
            if (m.find()) {
                live = Math.max(live, Long.parseLong(m.group(2)) * 1024);
            }
        }
        return new GcPressure(forced, live);
    }

    /** How many informer caches of this kind the server logged as started. */
    public int cachesStarted(String kind) throws IOException {
        String marker = "Started " + kind + " cache of cluster";
        return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker))
                .count();
    }

    /** The {@code top} largest classes on the heap, as {@code GC.class_histogram} prints them (after a full GC). */
    public List<String> histogram(int top) throws IOException, InterruptedException {
        return jcmd("GC.class_histogram")
                .lines()
                .filter(l -> l.matches("\\s*\\d+:\\s+\\d+\\s+\\d+\\s+.*"))
                .limit(top)
                .map(String::strip)
                .toList();
    }

    /** Runs a full GC in the server ({@code jcmd GC.run}) and reads the heap it leaves. */
    public Heap heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        String line = info.lines()
                .filter(l -> l.contains("heap"))
                .findFirst()
                .orElse("")
                .trim();
        return new Heap(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)), line);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A request to {@code pathAndQuery} of the server, with the admin's bearer token; for streamed transfers. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return authorized(HttpRequest.newBuilder(base.resolve(pathAndQuery)));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder b) {
        return b.header("Content-Type", "application/json").header("Accept", "application/json");
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
