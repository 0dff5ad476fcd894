package dev.cloudops.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The Markdown block one run of {@link LogSearchBenchmark} appends to {@code bench/RESULTS.md}. Pure: every figure
 * is measured by the caller.
 *
 * @param started ISO timestamp of the run
 * @param machine CPUs, OS, Java and kubectl versions, load
 * @param serverJvm the server's JVM options
 * @param logBytes size of the searched log (timestamped, as CloudOps reads it)
 * @param plainBytes size of the same log without timestamps (as kubectl reads it)
 * @param lines lines in the log
 * @param matches lines matching the regex, counted by the generator; both sides returned exactly this many
 * @param kubectlCommand the kubectl pipeline as run
 * @param ours CloudOps' search, whole answer read
 * @param kubectl kubectl piped into grep, whole output read
 * @param oursRead CloudOps' plain log read of the same log (no search): the transport's share
 * @param direct the mock's log fetched straight from the bench JVM: the API server's share
 * @param oursRequests the API requests one search made to the mock, per path
 * @param kubectlRequests the API requests one kubectl pipeline made to the mock, per path
 * @param heap the 1 GB streaming test
 */
public record LogReport(
        String started,
        String machine,
        String serverJvm,
        long logBytes,
        long plainBytes,
        long lines,
        long matches,
        String kubectlCommand,
        Percentiles ours,
        Percentiles kubectl,
        Percentiles oursRead,
        Percentiles direct,
        Map<String, Long> oursRequests,
        Map<String, Long> kubectlRequests,
        HeapRun heap) {

    public LogReport {
        oursRequests = Map.copyOf(oursRequests);
        kubectlRequests = Map.copyOf(kubectlRequests);
    }

    public static final double TARGET_RATIO = 1.0;
    public static final double TARGET_HEAP_GROWTH_MB = 64;

    /**
     * The 1 GB streaming test: heap used (all pools, from the server's actuator) after a full GC before starting,
     * the largest sample during (every second), right after and after a full GC; the old generation likewise.
     */
    public record HeapRun(
            long streamedBytes,
            double seconds,
            int samples,
            double beforeMb,
            double maxDuringMb,
            double afterMb,
            double afterGcMb,
            double oldBeforeMb,
            double oldMaxDuringMb,
            int forcedFullGcs,
            Map<String, Long> apiRequests) {

        public HeapRun {
            apiRequests = Map.copyOf(apiRequests);
        }

        public double growthMb() {
            return maxDuringMb - beforeMb;
        }

        public double oldGrowthMb() {
            return oldMaxDuringMb - oldBeforeMb;
        }

        public double retainedMb() {
            return afterGcMb - beforeMb;
        }
    }

    /** How many times faster our p50 is than kubectl+grep's p50 (≥ 1 means at least as fast). */
    public double ratio() {
        return kubectl.p50() / ours.p50();
    }

    public boolean ratioMet() {
        return ratio() >= TARGET_RATIO;
    }

    public boolean heapMet() {
        return heap.growthMb() <= TARGET_HEAP_GROWTH_MB;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(f("\n## Log search: %,.0f MB log, %s\n\n", logBytes / 1e6, started));
        md.append(f("- Machine: %s\n", machine));
        md.append(f("- Server: `java %s -jar cloudops-server-…-exec.jar`\n", serverJvm));
        md.append(f(
                "- Data: one pod `bench/big-log` (container `app`) in a fabric8 mock API server (CRUD, http, in the"
                        + " bench JVM); its log is %,d lines, %,d bytes with timestamps (%,d without), %,d lines"
                        + " (%.2f %%) match `%s`\n",
                lines, logBytes, plainBytes, matches, 100.0 * matches / lines, LogCorpus.REGEX));
        md.append(f("- CloudOps: `GET /api/k8s/containers/{id}/bench/big-log/app/logs/search?q=<regex>&regex=true"
                + "&maxMatches=10000`, JSON Lines read to the end\n"));
        md.append(f("- kubectl: `%s`, output read to the end\n", kubectlCommand));
        md.append(f("- Both returned exactly %,d matching lines in every run\n", matches));
        md.append(f(
                "- API requests to the mock: one CloudOps search %s; one kubectl pipeline %s\n\n",
                new java.util.TreeMap<>(oursRequests), new java.util.TreeMap<>(kubectlRequests)));
        md.append("| Measure | n | p50 ms | p90 ms | max ms | mean ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        row(md, "CloudOps search (JSON Lines)", ours);
        row(md, "kubectl logs \\| grep -E", kubectl);
        row(md, "CloudOps plain read of the same log (`…/logs?timestamps=true`, no search)", oursRead);
        row(md, "the mock's log straight from the bench JVM (API server's share)", direct);
        md.append('\n');
        md.append(f(
                "- Ratio, kubectl+grep p50 / CloudOps p50: **%.2f** (throughput: CloudOps %.0f MB/s, kubectl+grep"
                        + " %.0f MB/s of log)\n",
                ratio(), logBytes / 1e3 / ours.p50(), plainBytes / 1e3 / kubectl.p50()));
        HeapRun h = heap;
        md.append(f(
                "- Heap while streaming %,.0f MB through `GET …/logs` (read and discarded, %.1f s, %.0f MB/s):"
                        + " before %.1f MB (after a full GC), max during %.1f MB (%d samples, 1 s apart), right after"
                        + " %.1f MB, after a full GC %.1f MB; **growth %.1f MB** (old generation: %.1f → max %.1f MB,"
                        + " growth %.1f MB); %d full GC%s forced by the heap\n",
                h.streamedBytes() / 1e6,
                h.seconds(),
                h.streamedBytes() / 1e6 / h.seconds(),
                h.beforeMb(),
                h.maxDuringMb(),
                h.samples(),
                h.afterMb(),
                h.afterGcMb(),
                h.growthMb(),
                h.oldBeforeMb(),
                h.oldMaxDuringMb(),
                h.oldGrowthMb(),
                h.forcedFullGcs(),
                h.forcedFullGcs() == 1 ? "" : "s"));
        md.append(f("- Requests the streaming API server received: %s\n", new java.util.TreeMap<>(h.apiRequests())));
        md.append("\n| Target | Measured | Met |\n|---|---|---|\n");
        md.append(f(
                "| search at least as fast as kubectl \\| grep (ratio ≥ %.1f) | %.2f | %s |\n",
                TARGET_RATIO, ratio(), met(ratioMet())));
        md.append(f(
                "| heap growth ≤ %.0f MB while streaming 1 GB | %.1f MB (heap used, max during − before) | %s |\n",
                TARGET_HEAP_GROWTH_MB, h.growthMb(), met(heapMet())));
        md.append(f(
                "| (for reading the above) what stayed: old generation growth / heap after a full GC − before |"
                        + " %.1f MB / %.1f MB | |\n",
                h.oldGrowthMb(), h.retainedMb()));
        return md.toString();
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**no**";
    }

    private static void row(StringBuilder md, String name, Percentiles p) {
        md.append(f("| %s | %d | %.1f | %.1f | %.1f | %.1f |\n", name, p.n(), p.p50(), p.p90(), p.max(), p.mean()));
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
