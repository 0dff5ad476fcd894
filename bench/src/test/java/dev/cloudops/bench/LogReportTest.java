package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogReportTest {

    private static LogReport report(double ours, double kubectl, double maxDuring) {
        return new LogReport(
                "2026-11-24T21:00:00Z",
                "2 CPUs",
                "-Xmx512m",
                209_715_200,
                185_000_000,
                800_000,
                9_500,
                "kubectl logs | grep -E 'x'",
                Percentiles.of(List.of(ours)),
                Percentiles.of(List.of(kubectl)),
                Percentiles.of(List.of(ours / 2)),
                Percentiles.of(List.of(100.0)),
                Map.of("/log", 1L),
                Map.of("/version", 1L),
                new LogReport.HeapRun(
                        1_073_741_824L, 20, 20, 40, maxDuring, 90, 42, 38, 39, 0, Map.of("/version", 1L)));
    }

    @Test
    void comparesBothTargets() {
        LogReport slow = report(4000, 2000, 140);
        assertThat(slow.ratio()).isEqualTo(0.5);
        assertThat(slow.ratioMet()).isFalse();
        assertThat(slow.heapMet()).isFalse();
        assertThat(slow.heap().growthMb()).isEqualTo(100);
        assertThat(slow.heap().oldGrowthMb()).isEqualTo(1);
        assertThat(slow.heap().retainedMb()).isEqualTo(2);

        LogReport fast = report(1000, 2000, 100);
        assertThat(fast.ratioMet()).isTrue();
        assertThat(fast.heapMet()).isTrue();
    }

    @Test
    void markdownCarriesTheFiguresAndVerdicts() {
        String md = report(4000, 2000, 140).markdown();
        assertThat(md)
                .contains("## Log search: 210 MB log, 2026-11-24T21:00:00Z")
                .contains("| CloudOps search (JSON Lines) | 1 | 4000.0 |")
                .contains("**0.50**")
                .contains("| 0.50 | **no** |")
                .contains("**growth 100.0 MB**")
                .contains("9,500 lines (1.19 %) match");
        assertThat(report(1000, 2000, 100).markdown()).contains("| 2.00 | yes |");
    }
}
