package dev.cloudops.analysis.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.analysis.Severity;
import dev.cloudops.analysis.usage.Workload;
import dev.cloudops.platform.CloudOpsProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("anomaly detector")
class AnomalyDetectorTest {

    static final CloudOpsProperties.Alerts SETTINGS = new CloudOpsProperties.Alerts(
            true, Duration.ofMinutes(1), 10, 5, 3, 3, 5, 4, 3, Duration.ofMillis(10), Duration.ofSeconds(2));

    private static final Workload CART = new Workload("Deployment", "shop", "cart");
    private static final Workload DB = new Workload("StatefulSet", "shop", "db");

    /** A fake clock: one tick per sample. */
    private Instant now = Instant.parse("2026-11-25T00:00:00Z");

    private final AnomalyDetector detector = new AnomalyDetector(SETTINGS);

    private List<Signal> tick(Map<Workload, Sample> samples) {
        now = now.plus(Duration.ofMinutes(1));
        return detector.observe(1, samples);
    }

    private Sample sample(long restarts, long warnings, Double cpu, Double memory, int replicas) {
        return new Sample(now, restarts, warnings, cpu, memory, replicas);
    }

    @Test
    @DisplayName("restarts jumping past the workload's usual rate are a spike; the next quiet interval clears it")
    void restartSpike() {
        assertThat(tick(Map.of(CART, sample(0, 0, null, null, 2)))).isEmpty();
        assertThat(tick(Map.of(CART, sample(0, 0, null, null, 2)))).isEmpty();
        assertThat(tick(Map.of(CART, sample(1, 0, null, null, 2)))).isEmpty(); // one restart is below the minimum
        List<Signal> spike = tick(Map.of(CART, sample(9, 0, null, null, 2)));
        assertThat(spike).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(AlertKind.RESTART_SPIKE);
            assertThat(s.workload()).isEqualTo(CART);
            assertThat(s.value()).isEqualTo(8);
            assertThat(s.severity()).isEqualTo(Severity.CRITICAL); // 8 is more than twice the threshold of 3
            assertThat(s.message()).contains("8 restarts");
        });
        assertThat(tick(Map.of(CART, sample(9, 0, null, null, 2)))).isEmpty();
    }

    @Test
    @DisplayName("a chronic crash loop is its own baseline: the same rate every interval raises nothing")
    void chronic() {
        long restarts = 0;
        for (int i = 0; i < 8; i++) {
            restarts += 4;
            List<Signal> signals = tick(Map.of(CART, sample(restarts, 0, null, null, 1)));
            if (i >= 2) {
                assertThat(signals).as("interval %d", i).isEmpty();
            }
        }
        // Four times the usual four per interval is a spike again.
        assertThat(tick(Map.of(CART, sample(restarts + 16, 0, null, null, 1))))
                .extracting(Signal::kind)
                .containsExactly(AlertKind.RESTART_SPIKE);
    }

    @Test
    @DisplayName("a burst of warning events is found; a counter that went down (events expired) is no burst")
    void warningBurst() {
        tick(Map.of(DB, sample(0, 10, null, null, 1)));
        tick(Map.of(DB, sample(0, 11, null, null, 1)));
        assertThat(tick(Map.of(DB, sample(0, 30, null, null, 1))))
                .singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(AlertKind.WARNING_EVENTS));
        assertThat(tick(Map.of(DB, sample(0, 2, null, null, 1)))).isEmpty();
    }

    @Test
    @DisplayName("use far above the baseline is a jump once the baseline has enough samples; small wobbles are not")
    void usageJump() {
        double mib = 1024 * 1024;
        double[] cpu = {0.10, 0.11, 0.09, 0.10, 0.12};
        for (double c : cpu) {
            assertThat(tick(Map.of(CART, sample(0, 0, c, 200 * mib, 2)))).isEmpty();
        }
        assertThat(tick(Map.of(CART, sample(0, 0, 0.13, 210 * mib, 2)))).isEmpty();
        List<Signal> jump = tick(Map.of(CART, sample(0, 0, 0.9, 900 * mib, 2)));
        assertThat(jump).extracting(Signal::kind).containsExactlyInAnyOrder(AlertKind.CPU_JUMP, AlertKind.MEMORY_JUMP);
        assertThat(jump.stream()
                        .filter(s -> s.kind() == AlertKind.CPU_JUMP)
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("900m");
        // Too few samples for a baseline: no jump however large.
        var fresh = new Workload("Deployment", "shop", "fresh");
        tick(Map.of(fresh, sample(0, 0, 0.01, mib, 1)));
        assertThat(tick(Map.of(fresh, sample(0, 0, 4.0, 4096 * mib, 1)))).isEmpty();
    }

    @Test
    @DisplayName("a replica count going up and down keeps a flapping signal; a steady one clears it")
    void flapping() {
        int[] replicas = {2, 3, 2, 3};
        for (int r : replicas) {
            assertThat(tick(Map.of(CART, sample(0, 0, null, null, r)))).isEmpty();
        }
        assertThat(tick(Map.of(CART, sample(0, 0, null, null, 2))))
                .singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(AlertKind.REPLICAS_FLAPPING));
        for (int i = 0; i < SETTINGS.baselineSamples(); i++) {
            tick(Map.of(CART, sample(0, 0, null, null, 2)));
        }
        assertThat(tick(Map.of(CART, sample(0, 0, null, null, 2)))).isEmpty();
    }

    @Test
    @DisplayName("workloads that disappear are forgotten, clusters are separate")
    void forgetting() {
        tick(Map.of(CART, sample(0, 0, null, null, 1)));
        tick(Map.of(DB, sample(0, 0, null, null, 1)));
        // cart came back with a fresh history: no previous sample, so no spike from 0 to 50.
        assertThat(tick(Map.of(CART, sample(50, 0, null, null, 1)))).isEmpty();
        assertThat(detector.observe(2, Map.of(CART, sample(500, 0, null, null, 1))))
                .isEmpty();
        detector.forget(2);
        assertThat(detector.observe(2, Map.of(CART, sample(900, 0, null, null, 1))))
                .isEmpty();
    }
}
