package dev.cloudops.bench;

import java.util.List;
import java.util.Locale;

/**
 * The Markdown block one run of {@link FleetListBenchmark} appends to {@code bench/RESULTS.md}. Pure: every
 * figure is measured by the caller.
 *
 * @param started ISO timestamp of the run
 * @param machine CPUs, OS, Java and kubectl versions, load
 * @param clusters simulated clusters
 * @param podsPerCluster pods per cluster
 * @param expected pods the selectors match across the fleet
 * @param seedSeconds time to create every object in the mock servers
 * @param server what the server measured, with the smallest heap that held every pod
 * @param failures smaller heaps the server ran out of memory with
 * @param kubectl the sequential kubectl fan-outs
 * @param direct the same requests sent in sequence from the bench JVM over plain HTTP: the API servers' share
 */
public record Report(
        String started,
        String machine,
        int clusters,
        int podsPerCluster,
        int expected,
        double seedSeconds,
        ServerRun server,
        List<ServerRun.Failure> failures,
        Percentiles kubectl,
        Percentiles direct) {

    public static final double TARGET_P50_MS = 100;
    public static final double TARGET_RATIO = 10;
    public static final long TARGET_HEAP_MB = 512;

    public Report {
        failures = List.copyOf(failures);
    }

    /** How many times faster our p50 is than kubectl's fan-out p50. */
    public double ratio() {
        return kubectl.p50() / server.ours().p50();
    }

    public double heapCachedMb() {
        return server.heapCached().usedKb() / 1024.0;
    }

    /** True when a server capped at the target heap held every pod and answered every request. */
    public boolean heapTargetMet() {
        return FleetListBenchmark.megabytes(server.heap()) <= TARGET_HEAP_MB
                && server.cachedPods() == (long) clusters * podsPerCluster;
    }

    public String markdown() {
        int total = clusters * podsPerCluster;
        ServerRun s = server;
        StringBuilder md = new StringBuilder();
        md.append(f("\n## Fleet list: %d clusters × %,d pods, %s\n\n", clusters, podsPerCluster, started));
        md.append(f("- Machine: %s\n", machine));
        md.append(f(
                "- Server: `java -Xmx%s -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError%s -jar cloudops-server-…-exec.jar`\n",
                s.heap(), s.extraJvm().isEmpty() ? "" : " " + s.extraJvm()));
        md.append(f(
                "- Data: %d fabric8 mock API servers (CRUD, http, in the bench JVM), %,d pods each, %,d in all;"
                        + " %,d match (%.1f %%)\n",
                clusters, podsPerCluster, total, expected, 100.0 * expected / total));
        md.append(f("- CloudOps: `GET /api/k8s/fleet/pods?labelSelector=%s&limit=5000`\n", PodFactory.SELECTOR));
        md.append(f(
                "- kubectl: `kubectl --kubeconfig cNN.kubeconfig get --raw '%s'` for c01…c%02d in sequence"
                        + " (equality label on the same pods: the mock ignores set-based selectors)\n",
                KubectlFanOut.rawPath(PodFactory.KUBECTL_SELECTOR), clusters));
        md.append(f(
                "- Setup: seeding %.1f s, registering %d clusters %.1f s, first list (starts and syncs %d pod"
                        + " informers) %,.0f ms\n",
                seedSeconds, clusters, s.registerSeconds(), clusters, s.coldMillis()));
        for (ServerRun.Failure failure : failures) {
            md.append(f("- **-Xmx%s: the server failed.** %s\n", failure.heap(), failure.reason()));
        }
        md.append('\n');
        md.append("| Measure | n | p50 ms | p90 ms | p99 ms | max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        row(md, f("CloudOps fleet list, %,d rows (%,d KB JSON)", expected, s.responseBytes() / 1024), s.ours());
        row(md, "CloudOps, same query with limit=1 (filter + sort, 1 row out)", s.oursLimit1());
        row(md, "CloudOps, selector matching nothing (scan only)", s.oursNoMatch());
        row(md, "CloudOps fleet list of nodes, a few rows (the fixed cost of a request)", s.nodes());
        row(md, f("kubectl fan-out, %d sequential `get --raw`", clusters), kubectl);
        row(md, f("the same %d GETs over plain HTTP from the bench JVM (mock servers' share)", clusters), direct);
        md.append('\n');
        md.append(f("- Speed-up, kubectl p50 / CloudOps p50: **%.1f×**\n", ratio()));
        md.append(f(
                "- Server heap (-Xmx%s) after a full GC: %,.1f MB idle (no clusters), **%,.1f MB with %,d pods"
                        + " cached** (%,.0f bytes per cached pod); %s\n",
                s.heap(),
                s.heapIdle().usedKb() / 1024.0,
                heapCachedMb(),
                s.cachedPods(),
                s.cachedPods() == 0
                        ? 0.0
                        : (s.heapCached().usedKb() - s.heapIdle().usedKb()) * 1024.0 / s.cachedPods(),
                s.gc().forcedFullGcs() == 0
                        ? "no full GC forced by the heap during the run"
                        : f(
                                "%d full GC%s forced by the heap during the run, the largest live set one found %,.0f MB",
                                s.gc().forcedFullGcs(),
                                s.gc().forcedFullGcs() == 1 ? "" : "s",
                                s.gc().maxLiveKb() / 1024.0)));
        md.append(f("  `%s`\n", s.heapCached().line()));
        if (!s.histogram().isEmpty()) {
            md.append("- Largest classes on the heap with every pod cached (`jcmd GC.class_histogram`):\n\n```\n");
            s.histogram().forEach(line -> md.append(line).append('\n'));
            md.append("```\n");
        }
        md.append("\n| Target | Measured | Met |\n|---|---|---|\n");
        md.append(f(
                "| p50 ≤ %.0f ms from the caches | %.1f ms | %s |\n",
                TARGET_P50_MS, s.ours().p50(), met(s.ours().p50() <= TARGET_P50_MS)));
        md.append(f(
                "| ≥ %.0f× faster than the kubectl fan-out | %.1f× | %s |\n",
                TARGET_RATIO, ratio(), met(ratio() >= TARGET_RATIO)));
        String heapMeasured = f("%.1f MB used after GC, -Xmx%s held all %,d", heapCachedMb(), s.heap(), s.cachedPods());
        if (!failures.isEmpty()) {
            heapMeasured += "; out of memory with -Xmx"
                    + String.join(
                            ", -Xmx",
                            failures.stream().map(ServerRun.Failure::heap).toList());
        }
        md.append(f(
                "| heap ≤ %d MB with all %,d pods cached | %s | %s |\n",
                TARGET_HEAP_MB, total, heapMeasured, met(heapTargetMet())));
        return md.toString();
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    private static void row(StringBuilder md, String name, Percentiles p) {
        md.append(f("| %s | %d | %.1f | %.1f | %.1f | %.1f |\n", name, p.n(), p.p50(), p.p90(), p.p99(), p.max()));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
