package dev.cloudops.cli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Durations")
class DurationsTest {

    @Test
    @DisplayName("reads s, m, h and d, alone or added up, in any case")
    void parses() {
        assertThat(Durations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse(" 1H30m ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    @DisplayName("rejects a bare number, an unknown unit, a sign or a fraction with a message naming the input")
    void rejects() {
        for (String bad : new String[] {"10", "5y", "-5m", "1.5h", "m", "", "10 m"}) {
            assertThatThrownBy(() -> Durations.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid duration '" + bad + "'");
        }
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
