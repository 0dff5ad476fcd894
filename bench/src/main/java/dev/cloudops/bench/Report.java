package dev.cloudops.bench;

import java.util.Locale;

/**
 * The Markdown block one run of {@link FleetListBenchmark} appends to {@code bench/RESULTS.md}. Pure: every
 * figure is measured by the caller.
 *
 * @param started ISO timestamp of the run
 * @param machine CPUs, OS, Java and kubectl versions
 * @param serverJvm the server's JVM options
 * @param clusters simulated clusters
 * @param podsPerCluster pods per cluster
 * @param expected pods the selectors match across the fleet
 * @param seedSeconds time to create every object in the mock servers
 * @param registerSeconds time to register every cluster (each registration probes its API server)
 * @param coldMillis the first fleet list, which starts and syncs every pod informer
 * @param ours the measured fleet lists, full answer
 * @param oursLimit1 the same query with limit=1 (same filtering and sorting, one row serialised)
 * @param oursNoMatch a selector matching nothing (the scan of every cached pod, nothing else)
 * @param responseBytes size of one full answer
 * @param kubectl the sequential kubectl fan-outs
 * @param direct the same requests sent in sequence from the bench JVM over plain HTTP: the API servers' share
 * @param heapIdle server heap after a full GC before any cluster was registered
 * @param heapCached server heap after a full GC with every pod cached
 * @param cachedPods the server's own count of cached pods ({@code cloudops.kube.cache.size})
 * @param heapLimitMb the server's -Xmx in MB
 */
public record Report(
        String started,
        String machine,
        String serverJvm,
        int clusters,
        int podsPerCluster,
        int expected,
        double seedSeconds,
        double registerSeconds,
        double coldMillis,
        Percentiles ours,
        Percentiles oursLimit1,
        Percentiles oursNoMatch,
        long responseBytes,
        Percentiles kubectl,
        Percentiles direct,
        CloudOpsServer.Heap heapIdle,
        CloudOpsServer.Heap heapCached,
        long cachedPods,
        long heapLimitMb) {

    public static final double TARGET_P50_MS = 100;
    public static final double TARGET_RATIO = 10;
    public static final double TARGET_HEAP_MB = 512;

    /** How many times faster our p50 is than kubectl's fan-out p50. */
    public double ratio() {
        return kubectl.p50() / ours.p50();
    }

    public double heapCachedMb() {
        return heapCached.usedKb() / 1024.0;
    }

    public String markdown() {
        int total = clusters * podsPerCluster;
        StringBuilder md = new StringBuilder();
        md.append(f("\n## Fleet list: %d clusters × %,d pods, %s\n\n", clusters, podsPerCluster, started));
        md.append(f("- Machine: %s\n", machine));
        md.append(f("- Server: `java %s -jar cloudops-server-…-exec.jar`, caches warm\n", serverJvm));
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
                        + " informers) %,.0f ms\n\n",
                seedSeconds, clusters, registerSeconds, clusters, coldMillis));
        md.append("| Measure | n | p50 ms | p90 ms | p99 ms | max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        row(md, f("CloudOps fleet list, %,d rows (%,d KB JSON)", expected, responseBytes / 1024), ours);
        row(md, "CloudOps, same query with limit=1 (filter + sort, 1 row out)", oursLimit1);
        row(md, "CloudOps, selector matching nothing (scan only)", oursNoMatch);
        row(md, f("kubectl fan-out, %d sequential `get --raw`", clusters), kubectl);
        row(md, f("the same %d GETs over plain HTTP from the bench JVM (mock servers' share)", clusters), direct);
        md.append('\n');
        md.append(f("- Speed-up, kubectl p50 / CloudOps p50: **%.1f×**\n", ratio()));
        md.append(f(
                "- Server heap after full GC: %,.1f MB idle (no clusters), **%,.1f MB with %,d pods cached**"
                        + " (%,.0f bytes per cached pod); -Xmx%dm, no OutOfMemoryError\n",
                heapIdle.usedKb() / 1024.0,
                heapCachedMb(),
                cachedPods,
                cachedPods == 0 ? 0.0 : (heapCached.usedKb() - heapIdle.usedKb()) * 1024.0 / cachedPods,
                heapLimitMb));
        md.append(f("  `%s`\n\n", heapCached.line()));
        md.append("| Target | Measured | Met |\n|---|---|---|\n");
        md.append(f(
                "| p50 ≤ %.0f ms from the caches | %.1f ms | %s |\n",
                TARGET_P50_MS, ours.p50(), met(ours.p50() <= TARGET_P50_MS)));
        md.append(f(
                "| ≥ %.0f× faster than the kubectl fan-out | %.1f× | %s |\n",
                TARGET_RATIO, ratio(), met(ratio() >= TARGET_RATIO)));
        md.append(f(
                "| heap ≤ %.0f MB with all %,d pods cached | %.1f MB used after GC (-Xmx%dm) | %s |\n",
                TARGET_HEAP_MB,
                total,
                heapCachedMb(),
                heapLimitMb,
                met(heapCachedMb() <= TARGET_HEAP_MB && cachedPods == total && heapLimitMb <= TARGET_HEAP_MB)));
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
