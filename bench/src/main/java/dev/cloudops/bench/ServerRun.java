package dev.cloudops.bench;

import java.util.List;

/**
 * What one server process measured: the fleet lists from its caches and its heap.
 *
 * @param heap the server's -Xmx, e.g. {@code 512m}
 * @param registerSeconds time to register every cluster (each registration probes its API server)
 * @param coldMillis the first fleet list, which starts and syncs every pod informer
 * @param ours the measured fleet lists, full answer
 * @param oursLimit1 the same query with limit=1 (same filtering and sorting, one row serialised)
 * @param oursNoMatch a selector matching nothing (the scan of every cached pod, nothing else)
 * @param responseBytes size of one full answer
 * @param heapIdle heap after a full GC before any cluster was registered
 * @param heapCached heap after a full GC with every pod cached
 * @param peakAfterGcKb the largest heap occupancy any GC left behind during the run (the transient peak)
 * @param cachedPods the server's own count of cached pods ({@code cloudops.kube.cache.size})
 * @param histogram the largest classes on the heap with every pod cached ({@code GC.class_histogram})
 */
public record ServerRun(
        String heap,
        double registerSeconds,
        double coldMillis,
        Percentiles ours,
        Percentiles oursLimit1,
        Percentiles oursNoMatch,
        long responseBytes,
        CloudOpsServer.Heap heapIdle,
        CloudOpsServer.Heap heapCached,
        long peakAfterGcKb,
        long cachedPods,
        List<String> histogram) {

    public ServerRun {
        histogram = List.copyOf(histogram);
    }

    /** A server that could not complete the run, and why. */
    public record Failure(String heap, String reason) {}
}
