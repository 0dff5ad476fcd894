package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToFifty() {
        List<Double> samples = new ArrayList<>();
        for (int i = 50; i >= 1; i--) {
            samples.add((double) i);
        }
        Collections.shuffle(samples, new java.util.Random(1));

        Percentiles p = Percentiles.of(samples);

        assertThat(p.n()).isEqualTo(50);
        assertThat(p.min()).isEqualTo(1.0);
        assertThat(p.p50()).isEqualTo(25.0);
        assertThat(p.p90()).isEqualTo(45.0);
        assertThat(p.p99()).isEqualTo(50.0);
        assertThat(p.max()).isEqualTo(50.0);
        assertThat(p.mean()).isEqualTo(25.5);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(List.of(7.0));

        assertThat(List.of(p.p50(), p.p90(), p.p99())).containsOnly(7.0);
    }

    @Test
    void refusesEmptySamplesAndBadRanks() {
        assertThatThrownBy(() -> Percentiles.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
