package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Percentiles ms(double... values) {
        List<Double> list = new java.util.ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return Percentiles.of(list);
    }

    private static Report report(Percentiles ours, Percentiles kubectl, long heapKb, long cachedPods) {
        return new Report(
                "2026-01-01T00:00:00Z",
                "2 CPUs",
                "-Xmx512m -XX:+UseG1GC",
                20,
                2000,
                4000,
                10,
                2,
                1500,
                ours,
                ms(20),
                ms(10),
                1_600_000,
                kubectl,
                ms(900),
                new CloudOpsServer.Heap(40 * 1024, 100 * 1024, "heap idle"),
                new CloudOpsServer.Heap(heapKb, 400 * 1024, "garbage-first heap total 409600K, used 1K"),
                cachedPods,
                512);
    }

    @Test
    void reportsRatioAgainstKubectlAndEveryTargetMet() {
        Report r = report(ms(40, 50, 60), ms(2000, 2100), 300 * 1024, 40_000);

        String md = r.markdown();

        assertThat(r.ratio()).isEqualTo(40.0);
        assertThat(md)
                .contains("**40.0×**")
                .contains("| p50 ≤ 100 ms from the caches | 50.0 ms | yes |")
                .contains("| ≥ 10× faster than the kubectl fan-out | 40.0× | yes |")
                .contains("| heap ≤ 512 MB with all 40,000 pods cached | 300.0 MB used after GC (-Xmx512m) | yes |")
                .contains("20 fabric8 mock API servers")
                .contains("labelSelector=app in (checkout,search),tier!=batch")
                .contains("bench-group%3Dhit")
                .doesNotContain("**no**");
    }

    @Test
    void saysWhichTargetsAreMissed() {
        Report r = report(ms(150), ms(1000), 600 * 1024, 40_000);

        assertThat(r.markdown())
                .contains("| p50 ≤ 100 ms from the caches | 150.0 ms | **no** |")
                .contains("| ≥ 10× faster than the kubectl fan-out | 6.7× | **no** |")
                .contains("600.0 MB used after GC (-Xmx512m) | **no** |");
    }

    @Test
    void theHeapTargetNeedsEveryPodCached() {
        Report r = report(ms(50), ms(1000), 100 * 1024, 39_999);

        assertThat(r.markdown()).contains("100.0 MB used after GC (-Xmx512m) | **no** |");
    }
}
