package dev.cloudops.bench;

import java.util.List;

/**
 * What one server process measured: the fleet lists from its caches and its heap.
 *
 * @param heap the server's -Xmx, e.g. {@code 512m}
 * @param extraJvm further server JVM options given to the benchmark, or empty
 * @param registerSeconds time to register every cluster (each registration probes its API server)
 * @param coldMillis the first fleet list, which starts and syncs every pod informer
 * @param ours the measured fleet lists, full answer
 * @param oursLimit1 the same query with limit=1 (same filtering and sorting, one row serialised)
 * @param oursNoMatch a selector matching nothing (the scan of every cached pod, nothing else)
 * @param nodes the fleet list of nodes (a few dozen rows: the fixed cost of a request)
 * @param responseBytes size of one full answer
 * @param heapIdle heap after a full GC before any cluster was registered
 * @param heapCached heap after a full GC with every pod cached
 * @param gc full GCs the heap forced during the run and the largest live set one found
 * @param cachedPods the server's own count of cached pods ({@code cloudops.kube.cache.size})
 * @param histogram the largest classes on the heap with every pod cached ({@code GC.class_histogram})
 */
public record ServerRun(
        String heap,
        String extraJvm,
        double registerSeconds,
        double coldMillis,
        Percentiles ours,
        Percentiles oursLimit1,
        Percentiles oursNoMatch,
        Percentiles nodes,
        long responseBytes,
        CloudOpsServer.Heap heapIdle,
        CloudOpsServer.Heap heapCached,
        CloudOpsServer.GcPressure gc,
        long cachedPods,
        List<String> histogram) {

    public ServerRun {
        histogram = List.copyOf(histogram);
    }

    /** A server that could not complete the run, and why. */
    public record Failure(String heap, String reason) {}
}
