package dev.cloudops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end benchmark of log search: CloudOps' {@code …/logs/search} over a large container log against
 * {@code kubectl logs | grep -E} reading the same log from the same mock API server, then the server's heap while
 * 1 GB streams through {@code …/logs}. Both sides must return the same number of matching lines, or the run fails.
 *
 * <p>Options ({@code --name=value}): {@code server-jar} (required), {@code log-mb} (200), {@code stream-mb}
 * (1024), {@code runs} (5), {@code kubectl} (/usr/bin/kubectl), {@code server-heap} (512m), {@code search-budget}
 * (server's {@code cloudops.logs.search-budget}, 120s; its default of 10 s could cut the search short on a loaded
 * machine), {@code server-jvm-args} (extra server JVM options, space-separated), {@code results} (RESULTS.md to append to; none when empty), {@code work-dir} (a new temporary
 * directory).
 */
public final class LogSearchBenchmark {

    /** The API's upper bound for {@code maxMatches}. */
    static final int MAX_MATCHES = 10_000;

    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final Map<String, String> options;

    private LogSearchBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        LogReport report = new LogSearchBenchmark(parse(args)).run();
        System.out.println(report.markdown());
    }

    static Map<String, String> parse(String[] args) {
        Set<String> known = Set.of(
                "server-jar",
                "log-mb",
                "stream-mb",
                "runs",
                "kubectl",
                "server-heap",
                "search-budget",
                "server-jvm-args",
                "results",
                "work-dir");
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !known.contains(arg.substring(2, eq))) {
                throw new IllegalArgumentException(
                        "unknown option " + arg + "; known: --" + String.join("=, --", known) + "=");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        if (!options.containsKey("server-jar")) {
            throw new IllegalArgumentException("--server-jar=<cloudops-server-…-exec.jar> is required");
        }
        return options;
    }

    private int intOption(String name, int defaultValue) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : defaultValue;
    }

    /** The search request, as CloudOps' API takes it. */
    static String searchPath(long clusterId, String regex) {
        return containerPath(clusterId) + "/search?q=" + URLEncoder.encode(regex, StandardCharsets.UTF_8)
                + "&regex=true&maxMatches=" + MAX_MATCHES;
    }

    static String containerPath(long clusterId) {
        return "/api/k8s/containers/" + clusterId + "/" + LogApiServers.NAMESPACE + "/" + LogApiServers.POD + "/"
                + LogApiServers.CONTAINER + "/logs";
    }

    /** The summary line of a search answer must say it read the whole log: not truncated, every match counted. */
    static void checkSummary(String summary, long matches, long lines) {
        String expected = "{\"type\":\"summary\",\"matches\":" + matches + ",\"scanned\":" + lines
                + ",\"truncated\":false,\"reason\":null}";
        if (!summary.equals(expected)) {
            throw new IllegalStateException("search summary " + summary + ", expected " + expected);
        }
    }

    private LogReport run() throws Exception {
        int runs = intOption("runs", 5);
        long logBytes = intOption("log-mb", 200) * 1024L * 1024L;
        long streamBytes = intOption("stream-mb", 1024) * 1024L * 1024L;
        String heap = options.getOrDefault("server-heap", "512m");
        String budget = options.getOrDefault("search-budget", "120s");
        Path kubectl = Path.of(options.getOrDefault("kubectl", "/usr/bin/kubectl"));
        Path work = options.containsKey("work-dir")
                ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("log-bench");
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = FleetListBenchmark.loadAverage();
        log("work directory %s", work);

        long t0 = System.nanoTime();
        LogCorpus.Log corpus = LogCorpus.build(logBytes, 42, Instant.parse("2026-11-24T00:00:00Z"));
        log(
                "built the log: %,d lines, %,d bytes (%,d without timestamps), %,d match, in %.1f s",
                corpus.lines(),
                corpus.timestamped().length,
                corpus.plain().length,
                corpus.matches(),
                (System.nanoTime() - t0) / 1e9);
        if (corpus.matches() > MAX_MATCHES) {
            throw new IllegalStateException(corpus.matches() + " matching lines, more than the API's maxMatches bound "
                    + MAX_MATCHES + ": use a smaller --log-mb");
        }
        Path gcLog = work.resolve("gc.log");
        List<String> jvm = new ArrayList<>(List.of(
                "-Xmx" + heap,
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog,
                "-Dcloudops.logs.search-budget=" + budget));
        String extra = options.getOrDefault("server-jvm-args", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        KubectlLogs peer;
        Percentiles ours;
        Percentiles theirs;
        Percentiles read;
        Percentiles direct;
        LogReport.HeapRun heapRun;
        Map<String, Long> oursRequests;
        Map<String, Long> kubectlRequests;
        try (LogApiServers.Mock mock = LogApiServers.Mock.start(corpus);
                CloudOpsServer server = CloudOpsServer.start(
                        Path.of(options.get("server-jar")), work, jvm, FleetListBenchmark.password())) {
            Path kubeconfig = Kubeconfigs.write(work, "big-log", mock.url(), "bench-token-logs");
            log("mock API server %s, server pid %d, log %s", mock.url(), server.pid(), server.log());
            long clusterId = server.registerCluster("big-log", Files.readString(kubeconfig, StandardCharsets.UTF_8));

            peer = KubectlLogs.choose(kubectl, kubeconfig, work, corpus.matches());
            log("kubectl: %s", peer.display());

            String search = searchPath(clusterId, LogCorpus.REGEX);
            // One untimed round of each, checked like the timed ones, counting the API requests each makes.
            Map<String, Long> r0 = mock.requests();
            checkOurs(server.stream(search), corpus);
            Map<String, Long> r1 = mock.requests();
            peer.run();
            Map<String, Long> r2 = mock.requests();
            oursRequests = difference(r0, r1);
            kubectlRequests = difference(r1, r2);
            log("API requests of one search: %s; of one kubectl pipeline: %s", oursRequests, kubectlRequests);
            List<Double> oursMs = new ArrayList<>();
            List<Double> kubectlMs = new ArrayList<>();
            List<Double> readMs = new ArrayList<>();
            List<Double> directMs = new ArrayList<>();
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < runs; i++) {
                CloudOpsServer.Streamed s = server.stream(search);
                checkOurs(s, corpus);
                oursMs.add(s.millis());
                KubectlLogs.Result k = peer.run();
                kubectlMs.add(k.millis());
                CloudOpsServer.Streamed r = server.stream(containerPath(clusterId) + "?timestamps=true");
                if (r.status() != 200 || r.bytes() != corpus.timestamped().length) {
                    throw new IllegalStateException("plain read answered HTTP " + r.status() + " with " + r.bytes()
                            + " bytes, expected " + corpus.timestamped().length);
                }
                readMs.add(r.millis());
                directMs.add(fetchDirect(http, mock.url(), corpus.timestamped().length));
                log(
                        "run %d: CloudOps search %.0f ms, kubectl+grep %.0f ms, CloudOps read %.0f ms, direct %.0f ms",
                        i + 1, s.millis(), k.millis(), r.millis(), directMs.get(i));
            }
            ours = Percentiles.of(oursMs);
            theirs = Percentiles.of(kubectlMs);
            read = Percentiles.of(readMs);
            direct = Percentiles.of(directMs);

            heapRun = streamHeap(server, work, streamBytes, gcLog);
        }
        LogReport report = new LogReport(
                started,
                String.format(
                        Locale.ROOT,
                        "%d CPUs (%s %s), Java %s, kubectl %s; load average %s at the start, %s at the end",
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        System.getProperty("java.runtime.version"),
                        peer.version(),
                        loadBefore,
                        FleetListBenchmark.loadAverage()),
                String.join(" ", jvm).replace("file=" + gcLog, "file=gc.log"),
                corpus.timestamped().length,
                corpus.plain().length,
                corpus.lines(),
                corpus.matches(),
                peer.display(),
                ours,
                theirs,
                read,
                direct,
                oursRequests,
                kubectlRequests,
                heapRun);
        String results = options.getOrDefault("results", "");
        if (!results.isEmpty()) {
            Files.writeString(
                    Path.of(results),
                    report.markdown(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            log("appended to %s", results);
        }
        return report;
    }

    /** Per key, how many more {@code after} counts than {@code before}; keys that did not grow are left out. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n != 0) {
                d.put(k, n);
            }
        });
        return d;
    }

    private static void checkOurs(CloudOpsServer.Streamed s, LogCorpus.Log corpus) {
        if (s.status() != 200) {
            throw new IllegalStateException("search answered HTTP " + s.status() + ": " + s.lastLine());
        }
        if (s.matchLines() != corpus.matches()) {
            throw new IllegalStateException(
                    "search returned " + s.matchLines() + " matches, expected " + corpus.matches());
        }
        checkSummary(s.lastLine(), corpus.matches(), corpus.lines());
    }

    /** GET of the log straight from the mock (timestamps=true), read to the end: the API server's own share. */
    private static double fetchDirect(HttpClient http, String url, long expectedBytes)
            throws IOException, InterruptedException {
        String path = "/api/v1/namespaces/" + LogApiServers.NAMESPACE + "/pods/" + LogApiServers.POD + "/log?container="
                + LogApiServers.CONTAINER + "&timestamps=true";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer bench-token-logs")
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes += n;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200 || bytes != expectedBytes) {
            throw new IllegalStateException("mock answered HTTP " + r.statusCode() + " with " + bytes + " bytes");
        }
        return ms;
    }

    /**
     * Registers a second cluster served by the streaming API server, and streams {@code bytes} through
     * {@code GET …/logs} while sampling the server's heap every second.
     */
    private static LogReport.HeapRun streamHeap(CloudOpsServer server, Path work, long bytes, Path gcLog)
            throws IOException, InterruptedException {
        // A block of whole lines (8 MB) written again and again: the bytes are realistic, the memory constant.
        LogCorpus.Log block = LogCorpus.build(8L * 1024 * 1024, 7, Instant.parse("2026-11-24T06:00:00Z"));
        try (LogApiServers.Streaming api = LogApiServers.Streaming.start(block.plain(), block.timestamped(), bytes)) {
            Path kubeconfig = Kubeconfigs.write(work, "stream-log", api.url(), "bench-token-stream");
            long id = server.registerCluster("stream-log", Files.readString(kubeconfig, StandardCharsets.UTF_8));
            int fullBefore = CloudOpsServer.gcPressure(gcLog).forcedFullGcs();
            server.heapAfterFullGc();
            double before = heapMb(server);
            double oldBefore = oldMb(server);
            log("heap before streaming: %.1f MB (old generation %.1f MB)", before, oldBefore);
            AtomicBoolean done = new AtomicBoolean();
            double[] max = {before, oldBefore};
            int[] samples = {0};
            Thread sampler = new Thread(
                    () -> {
                        while (!done.get()) {
                            try {
                                TimeUnit.SECONDS.sleep(1);
                                if (done.get()) {
                                    break;
                                }
                                double used = heapMb(server);
                                double old = oldMb(server);
                                synchronized (max) {
                                    max[0] = Math.max(max[0], used);
                                    max[1] = Math.max(max[1], old);
                                    samples[0]++;
                                }
                            } catch (IOException | RuntimeException e) {
                                log("heap sample failed: %s", e);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            CloudOpsServer.Streamed s;
            try {
                s = server.stream(containerPath(id));
            } finally {
                done.set(true);
                sampler.interrupt();
                sampler.join(10_000);
            }
            double after = heapMb(server);
            long expected = (bytes + block.plain().length - 1) / block.plain().length * block.plain().length;
            if (s.status() != 200 || s.bytes() != expected) {
                throw new IllegalStateException("streaming read answered HTTP " + s.status() + " with " + s.bytes()
                        + " bytes, expected " + expected + ": " + s.lastLine());
            }
            server.heapAfterFullGc();
            double afterGc = heapMb(server);
            int forced = CloudOpsServer.gcPressure(gcLog).forcedFullGcs() - fullBefore;
            synchronized (max) {
                log(
                        "streamed %,d bytes in %.1f s; heap max %.1f MB, after %.1f MB, after GC %.1f MB",
                        s.bytes(), s.millis() / 1e3, max[0], after, afterGc);
                return new LogReport.HeapRun(
                        s.bytes(),
                        s.millis() / 1e3,
                        samples[0],
                        before,
                        max[0],
                        after,
                        afterGc,
                        oldBefore,
                        max[1],
                        forced,
                        api.requests());
            }
        }
    }

    private static double heapMb(CloudOpsServer server) throws IOException, InterruptedException {
        return server.metricValue("jvm.memory.used", List.of("area:heap")) / (1024 * 1024);
    }

    private static double oldMb(CloudOpsServer server) throws IOException, InterruptedException {
        return server.metricValue("jvm.memory.used", List.of("area:heap", "id:G1 Old Gen")) / (1024 * 1024);
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
