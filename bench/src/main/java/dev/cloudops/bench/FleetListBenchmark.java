package dev.cloudops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end benchmark of the cross-cluster list: CloudOps' {@code GET /api/k8s/fleet/pods} over N simulated
 * clusters, served from its informer caches, against kubectl listing the same pods from the same API servers
 * one after another. Every answer is checked for the exact expected pods; a wrong total fails the run.
 *
 * <p>Options ({@code --name=value}): {@code server-jar} (required), {@code clusters} (20), {@code pods} per
 * cluster (2000), {@code nodes} per cluster (2), {@code requests} (50), {@code warmup} (10),
 * {@code kubectl-rounds} (10), {@code kubectl} (/usr/bin/kubectl), {@code server-heap} (512m,1g,2g: heaps
 * tried in order until the server holds every pod), {@code server-jvm-args} (extra server JVM options,
 * space-separated), {@code results} (RESULTS.md to append to; none when empty), {@code work-dir} (a new
 * temporary directory).
 */
public final class FleetListBenchmark {

    private static final String NO_MATCH_SELECTOR = "app in (does-not-exist)";

    /** Held so the level sticks: the mock web server logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final Map<String, String> options;

    private FleetListBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Report report = new FleetListBenchmark(parse(args)).run();
        System.out.println(report.markdown());
    }

    static Map<String, String> parse(String[] args) {
        Set<String> known = Set.of(
                "server-jar",
                "clusters",
                "pods",
                "nodes",
                "requests",
                "warmup",
                "kubectl-rounds",
                "kubectl",
                "server-heap",
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

    private String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    static long megabytes(String heap) {
        String h = heap.toLowerCase(Locale.ROOT);
        long n = Long.parseLong(h.replaceAll("[kmg]$", ""));
        if (h.endsWith("g")) {
            return n * 1024;
        }
        if (h.endsWith("k")) {
            return n / 1024;
        }
        return h.endsWith("m") ? n : n / (1024 * 1024);
    }

    private Report run() throws Exception {
        int clusters = intOption("clusters", 20);
        int pods = intOption("pods", 2000);
        int nodes = intOption("nodes", 2);
        int kubectlRounds = intOption("kubectl-rounds", 10);
        List<String> heaps = List.of(option("server-heap", "512m,1g,2g").split(","));
        Path kubectl = Path.of(option("kubectl", "/usr/bin/kubectl"));
        Path work = options.containsKey("work-dir")
                ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("fleet-bench");
        int perCluster = PodFactory.expectedMatches(pods);
        int expected = perCluster * clusters;
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String loadBefore = loadAverage();

        log("work directory %s", work);
        try (MockFleet fleet = MockFleet.start(clusters)) {
            long t0 = System.nanoTime();
            fleet.seed(pods, nodes, Math.max(2, Runtime.getRuntime().availableProcessors()));
            double seedSeconds = (System.nanoTime() - t0) / 1e9;
            log("seeded %d clusters × %d pods in %.1f s", clusters, pods, seedSeconds);

            List<Path> kubeconfigs = new ArrayList<>();
            for (MockFleet.Member m : fleet.members()) {
                kubeconfigs.add(Kubeconfigs.write(work, m.name(), m.url(), "bench-token-" + m.name()));
            }

            // The smallest heap first; a server that runs out of memory is recorded and the next heap is tried.
            List<ServerRun.Failure> failures = new ArrayList<>();
            ServerRun measured = null;
            for (String heap : heaps) {
                Path dir = Files.createDirectories(work.resolve("server-" + heap));
                try {
                    measured = measureServer(heap, dir, fleet, kubeconfigs, expected, perCluster);
                    break;
                } catch (OutOfMemory e) {
                    log("-Xmx%s: %s", heap, e.getMessage());
                    failures.add(new ServerRun.Failure(heap, e.getMessage()));
                }
            }
            if (measured == null) {
                throw new IllegalStateException("the server ran out of memory with every heap tried: " + failures);
            }

            KubectlFanOut peer = new KubectlFanOut(kubectl, work.resolve("kubectl.stderr"));
            checkRound(peer.run(kubeconfigs, PodFactory.KUBECTL_SELECTOR), perCluster, expected);
            List<Double> fanOuts = new ArrayList<>();
            for (int i = 0; i < kubectlRounds; i++) {
                KubectlFanOut.Round round = peer.run(kubeconfigs, PodFactory.KUBECTL_SELECTOR);
                checkRound(round, perCluster, expected);
                fanOuts.add(round.millis());
                log("kubectl fan-out %d: %.0f ms", i + 1, round.millis());
            }
            List<Double> direct = new ArrayList<>();
            for (int i = 0; i < kubectlRounds; i++) {
                KubectlFanOut.Round round = fleet.listSequentially(PodFactory.KUBECTL_SELECTOR);
                checkRound(round, perCluster, expected);
                direct.add(round.millis());
            }
            log("plain HTTP fan-out p50 %.0f ms", Percentiles.of(direct).p50());
            Report report = new Report(
                    started,
                    machine(peer.version(), loadBefore),
                    clusters,
                    pods,
                    expected,
                    seedSeconds,
                    measured,
                    failures,
                    Percentiles.of(fanOuts),
                    Percentiles.of(direct));
            String results = option("results", "");
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
    }

    /** The server ran out of heap: this heap is too small, which is a result, not a broken run. */
    static final class OutOfMemory extends Exception {
        private static final long serialVersionUID = 1L;

        OutOfMemory(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts a server with this heap, registers the fleet, warms the caches and measures. The server is stopped
     * before returning, so the kubectl rounds run on a quiet machine.
     */
    private ServerRun measureServer(
            String heap, Path dir, MockFleet fleet, List<Path> kubeconfigs, int expected, int perCluster)
            throws IOException, InterruptedException, OutOfMemory {
        int clusters = kubeconfigs.size();
        int requests = intOption("requests", 50);
        int warmup = intOption("warmup", 10);
        Path gcLog = dir.resolve("gc.log");
        // ExitOnOutOfMemoryError: a server out of heap stops at once instead of thrashing in full GCs.
        List<String> jvm =
                List.of("-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog);
        CloudOpsServer server;
        try {
            server = CloudOpsServer.start(Path.of(options.get("server-jar")), dir, jvm, password());
        } catch (IllegalStateException e) {
            if (Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8)
                    .contains("OutOfMemoryError")) {
                throw new OutOfMemory("OutOfMemoryError while starting", e);
            }
            throw e;
        }
        String phase = "reading the idle heap";
        try {
            log("server -Xmx%s up, pid %d, log %s", heap, server.pid(), server.log());
            CloudOpsServer.Heap heapIdle = server.heapAfterFullGc();

            phase = "registering the clusters";
            long t0 = System.nanoTime();
            for (int i = 0; i < clusters; i++) {
                String name = fleet.members().get(i).name();
                server.registerCluster(name, Files.readString(kubeconfigs.get(i), StandardCharsets.UTF_8));
            }
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            log("registered %d clusters in %.1f s", clusters, registerSeconds);

            phase = "filling the pod caches (first fleet list)";
            CloudOpsServer.Fetch cold = server.fleetPods(PodFactory.SELECTOR, 5000);
            check(cold, expected, perCluster, clusters);
            log("first list (informers start) %.0f ms", cold.millis());
            phase = "warming up";
            for (int i = 0; i < warmup; i++) {
                check(server.fleetPods(PodFactory.SELECTOR, 5000), expected, perCluster, clusters);
                check(server.fleetPods(PodFactory.SELECTOR, 1), expected, perCluster, clusters);
                check(server.fleetPods(NO_MATCH_SELECTOR, 5000), 0, 0, clusters);
            }

            phase = "measuring";
            List<Double> full = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < requests; i++) {
                CloudOpsServer.Fetch f = server.fleetPods(PodFactory.SELECTOR, 5000);
                check(f, expected, perCluster, clusters);
                full.add(f.millis());
                bytes = f.body().length;
            }
            Percentiles ours = Percentiles.of(full);
            log("CloudOps p50 %.1f ms p90 %.1f ms p99 %.1f ms", ours.p50(), ours.p90(), ours.p99());
            Percentiles limit1 = measure(server, PodFactory.SELECTOR, 1, requests, expected, perCluster, clusters);
            Percentiles none = measure(server, NO_MATCH_SELECTOR, 5000, requests, 0, 0, clusters);
            int nodesPerCluster = intOption("nodes", 2);
            List<Double> nodeSamples = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                CloudOpsServer.Fetch f = server.fleetNodes();
                int total = f.status() == 200 ? f.json().path("total").asInt(-1) : -1;
                if (total != nodesPerCluster * clusters) {
                    throw new IllegalStateException("fleet list of nodes answered HTTP " + f.status() + " with " + total
                            + " nodes, expected " + nodesPerCluster * clusters);
                }
                nodeSamples.add(f.millis());
            }

            long cachedPods = Math.round(server.metric("cloudops.kube.cache.size", "kind:pods"));
            CloudOpsServer.Heap heapCached = server.heapAfterFullGc();
            List<String> histogram = server.histogram(8);
            log("heap after GC with %d pods cached: %d KB", cachedPods, heapCached.usedKb());
            return new ServerRun(
                    heap,
                    String.join(" ", extraJvmArgs()),
                    registerSeconds,
                    cold.millis(),
                    ours,
                    limit1,
                    none,
                    Percentiles.of(nodeSamples),
                    bytes,
                    heapIdle,
                    heapCached,
                    CloudOpsServer.gcPressure(gcLog),
                    cachedPods,
                    histogram);
        } catch (IOException | RuntimeException e) {
            server.close();
            if (server.outOfMemory()) {
                CloudOpsServer.GcPressure gc = CloudOpsServer.gcPressure(gcLog);
                throw new OutOfMemory(
                        String.format(
                                Locale.ROOT,
                                "OutOfMemoryError while %s: %d of %d pod caches had started; %d full GCs forced by"
                                        + " the heap, the largest live set one found %d MB (the request saw: %s)",
                                phase,
                                server.cachesStarted("pods"),
                                clusters,
                                gc.forcedFullGcs(),
                                gc.maxLiveKb() / 1024,
                                e),
                        e);
            }
            throw e;
        } finally {
            server.close();
        }
    }

    /** Extra server JVM options from {@code --server-jvm-args}, separated by spaces. */
    private List<String> extraJvmArgs() {
        String extra = option("server-jvm-args", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private static Percentiles measure(
            CloudOpsServer server, String selector, int limit, int requests, int expected, int perCluster, int clusters)
            throws IOException, InterruptedException {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            CloudOpsServer.Fetch f = server.fleetPods(selector, limit);
            check(f, expected, perCluster, clusters);
            samples.add(f.millis());
        }
        return Percentiles.of(samples);
    }

    /** Fails the run unless the answer holds exactly the expected pods, from every cluster, without errors. */
    static void check(CloudOpsServer.Fetch f, int expected, int perCluster, int clusters) {
        if (f.status() != 200) {
            throw new IllegalStateException(
                    "fleet list answered HTTP " + f.status() + ": " + new String(f.body(), StandardCharsets.UTF_8));
        }
        JsonNode answer = f.json();
        int total = answer.path("total").asInt(-1);
        if (total != expected) {
            throw new IllegalStateException(
                    "fleet list total " + total + ", expected " + expected + "; clusters: " + answer.path("clusters"));
        }
        JsonNode parts = answer.path("clusters");
        if (parts.size() != clusters) {
            throw new IllegalStateException("fleet list covered " + parts.size() + " clusters, expected " + clusters);
        }
        for (JsonNode part : parts) {
            if (!part.path("error").isNull() || part.path("matched").asInt() != perCluster) {
                throw new IllegalStateException("cluster answered wrongly: " + part);
            }
        }
        JsonNode items = answer.path("items");
        int limit = Math.min(expected, items.size());
        if (answer.path("truncated").asBoolean() != (items.size() < expected) || items.size() != limit) {
            throw new IllegalStateException("fleet list truncated wrongly: " + items.size() + " items of " + total);
        }
        for (JsonNode item : items) {
            JsonNode labels = item.path("labels");
            String app = labels.path("app").asText();
            if (!(app.equals("checkout") || app.equals("search"))
                    || labels.path("tier").asText().equals("batch")
                    || !labels.path(PodFactory.HIT_LABEL).asText().equals(PodFactory.HIT_VALUE)) {
                throw new IllegalStateException("fleet list returned a pod the selector excludes: " + item);
            }
        }
    }

    private static void checkRound(KubectlFanOut.Round round, int perCluster, int expected) {
        if (round.total() != expected || round.itemsPerCluster().stream().anyMatch(n -> n != perCluster)) {
            throw new IllegalStateException(
                    "kubectl returned " + round.itemsPerCluster() + ", expected " + perCluster + " per cluster");
        }
    }

    private static String machine(String kubectlVersion, String loadBefore) {
        return String.format(
                Locale.ROOT,
                "%d CPUs (%s %s), Java %s (%s), kubectl %s; load average %s at the start, %s at the end",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                kubectlVersion.replace("Client Version: ", ""),
                loadBefore,
                loadAverage());
    }

    /** The 1-, 5- and 15-minute load averages (other work on the machine skews every figure). */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .trim()
                    .split("\\s+");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String password() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Bench-");
        for (int i = 0; i < 20; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }
}
