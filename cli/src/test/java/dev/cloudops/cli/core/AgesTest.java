package dev.cloudops.cli.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Ages")
class AgesTest {

    @ParameterizedTest(name = "{0}s is {1}")
    @CsvSource({
        "-5, 0s",
        "0, 0s",
        "119, 119s",
        "120, 2m",
        "7199, 119m",
        "7200, 2h",
        "172799, 47h",
        "172800, 2d",
        "63071999, 729d",
        "63072000, 2y"
    })
    @DisplayName("formats durations in the largest unit that keeps two significant digits")
    void format(long seconds, String expected) {
        assertThat(Ages.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    @DisplayName("measures against the clock, shows <never> for no timestamp and unparseable text as it came")
    void since() {
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

        assertThat(Ages.since("2026-06-01T11:15:00Z", clock)).isEqualTo("45m");
        assertThat(Ages.since(null, clock)).isEqualTo("<never>");
        assertThat(Ages.since(" ", clock)).isEqualTo("<never>");
        assertThat(Ages.since("yesterday", clock)).isEqualTo("yesterday");
    }
}
