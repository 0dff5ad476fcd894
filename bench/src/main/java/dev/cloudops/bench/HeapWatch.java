package dev.cloudops.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's heap around one transfer: used heap after a full GC before it, the most used (and the most in the
 * old generation) sampled once a second during it, right after it and after a full GC again; and the full GCs the
 * heap forced meanwhile (from the GC log).
 */
public final class HeapWatch implements AutoCloseable {

    /** What one transfer did to the heap, in MB. */
    public record Figures(
            double before,
            double maxDuring,
            double after,
            double afterGc,
            double oldBefore,
            double oldMax,
            int samples,
            int forcedFullGcs) {

        /** Heap used, max during − before. */
        public double growth() {
            return maxDuring - before;
        }

        /** Old generation, max during − before: what the transfer kept beyond young garbage. */
        public double oldGrowth() {
            return oldMax - oldBefore;
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "before %.1f MB (after a full GC), max during %.1f MB (%d samples, 1 s apart), right after %.1f MB,"
                            + " after a full GC %.1f MB; growth %.1f MB (old generation %.1f → max %.1f MB, growth"
                            + " %.1f MB); %d full GCs forced by the heap",
                    before,
                    maxDuring,
                    samples,
                    after,
                    afterGc,
                    growth(),
                    oldBefore,
                    oldMax,
                    oldGrowth(),
                    forcedFullGcs);
        }
    }

    private final CloudOpsServer server;
    private final Path gcLog;
    private final AtomicBoolean done = new AtomicBoolean();
    private final Thread sampler;
    private final double before;
    private final double oldBefore;
    private final int fullBefore;
    private double max;
    private double oldMax;
    private int samples;

    /** Runs a full GC, reads the heap and starts sampling. */
    public HeapWatch(CloudOpsServer server, Path gcLog) throws IOException, InterruptedException {
        this.server = server;
        this.gcLog = gcLog;
        this.fullBefore = CloudOpsServer.gcPressure(gcLog).forcedFullGcs();
        server.heapAfterFullGc();
        this.before = heapMb(server);
        this.oldBefore = oldMb(server);
        this.max = before;
        this.oldMax = oldBefore;
        this.sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!done.get()) {
            try {
                TimeUnit.SECONDS.sleep(1);
                if (done.get()) {
                    return;
                }
                double used = heapMb(server);
                double old = oldMb(server);
                synchronized (this) {
                    max = Math.max(max, used);
                    oldMax = Math.max(oldMax, old);
                    samples++;
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("[bench] heap sample failed: " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and reads the heap right after and after a full GC. */
    public Figures finish() throws IOException, InterruptedException {
        close();
        double after = heapMb(server);
        server.heapAfterFullGc();
        double afterGc = heapMb(server);
        int forced = CloudOpsServer.gcPressure(gcLog).forcedFullGcs() - fullBefore;
        synchronized (this) {
            return new Figures(before, Math.max(max, after), after, afterGc, oldBefore, oldMax, samples, forced);
        }
    }

    @Override
    public void close() throws InterruptedException {
        done.set(true);
        sampler.interrupt();
        sampler.join(10_000);
    }

    static double heapMb(CloudOpsServer server) throws IOException, InterruptedException {
        return server.metricValue("jvm.memory.used", List.of("area:heap")) / (1024 * 1024);
    }

    static double oldMb(CloudOpsServer server) throws IOException, InterruptedException {
        return server.metricValue("jvm.memory.used", List.of("area:heap", "id:G1 Old Gen")) / (1024 * 1024);
    }
}
