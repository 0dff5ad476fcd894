package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Percentiles ms(double... values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return Percentiles.of(list);
    }

    private static ServerRun server(String heap, Percentiles ours, long heapKb, long cachedPods) {
        return new ServerRun(
                heap,
                "",
                2,
                1500,
                ours,
                ms(20),
                ms(10),
                ms(5),
                1_600_000,
                new CloudOpsServer.Heap(40 * 1024, 100 * 1024, "heap idle"),
                new CloudOpsServer.Heap(heapKb, 400 * 1024, "garbage-first heap total 409600K, used 1K"),
                new CloudOpsServer.GcPressure(3, 450 * 1024),
                cachedPods,
                List.of("1: 100 200 io.fabric8.kubernetes.api.model.Pod"));
    }

    private static Report report(ServerRun server, List<ServerRun.Failure> failures, Percentiles kubectl) {
        return new Report("2026-01-01T00:00:00Z", "2 CPUs", 20, 2000, 4000, 10, server, failures, kubectl, ms(900));
    }

    @Test
    void reportsRatioAgainstKubectlAndEveryTargetMet() {
        Report r = report(server("512m", ms(40, 50, 60), 300 * 1024, 40_000), List.of(), ms(2000, 2100));

        String md = r.markdown();

        assertThat(r.ratio()).isEqualTo(40.0);
        assertThat(md)
                .contains("**40.0×**")
                .contains("| p50 ≤ 100 ms from the caches | 50.0 ms | yes |")
                .contains("| ≥ 10× faster than the kubectl fan-out | 40.0× | yes |")
                .contains("| heap ≤ 512 MB with all 40,000 pods cached | 300.0 MB used after GC, -Xmx512m held all"
                        + " 40,000 | yes |")
                .contains("20 fabric8 mock API servers")
                .contains("labelSelector=app in (checkout,search),tier!=batch")
                .contains("bench-group%3Dhit")
                .contains("io.fabric8.kubernetes.api.model.Pod")
                .contains("3 full GCs forced by the heap during the run, the largest live set one found 450 MB")
                .doesNotContain("**no**");
    }

    @Test
    void saysWhichTargetsAreMissedAndWhyTheSmallHeapFailed() {
        Report r = report(
                server("2g", ms(150), 600 * 1024, 40_000),
                List.of(new ServerRun.Failure("512m", "OutOfMemoryError while filling the pod caches")),
                ms(1000));

        assertThat(r.markdown())
                .contains("| p50 ≤ 100 ms from the caches | 150.0 ms | **no** |")
                .contains("| ≥ 10× faster than the kubectl fan-out | 6.7× | **no** |")
                .contains("**-Xmx512m: the server failed.** OutOfMemoryError while filling the pod caches")
                .contains("600.0 MB used after GC, -Xmx2g held all 40,000; out of memory with -Xmx512m | **no** |");
    }

    @Test
    void theHeapTargetNeedsEveryPodCachedWithinTheCap() {
        assertThat(report(server("512m", ms(50), 100 * 1024, 39_999), List.of(), ms(1000))
                        .heapTargetMet())
                .isFalse();
        assertThat(report(server("1g", ms(50), 100 * 1024, 40_000), List.of(), ms(1000))
                        .heapTargetMet())
                .isFalse();
        assertThat(report(server("512m", ms(50), 100 * 1024, 40_000), List.of(), ms(1000))
                        .heapTargetMet())
                .isTrue();
    }
}
