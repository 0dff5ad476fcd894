package dev.cloudops.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Schedule timing: intervals and five-field cron expressions")
class ScheduleTimingTest {

    private static final Instant NOW = Instant.parse("2026-03-28T10:07:30Z");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"15m, PT15M", "PT30M, PT30M", "2h, PT2H", "1d, PT24H", "90s, PT1M30S", "30d, PT720H"})
    void intervals(String given, String shown) {
        assertThat(ScheduleTiming.of(given, null, null).intervalText()).isEqualTo(shown);
    }

    @Test
    @DisplayName("an interval runs right away the first time, then an interval after the last run, never in the past")
    void intervalNext() {
        ScheduleTiming every5 = ScheduleTiming.of("5m", "", null);
        assertThat(every5.next(NOW, null)).isEqualTo(NOW);
        assertThat(every5.next(NOW, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(every5.next(NOW, NOW.minus(Duration.ofMinutes(2)))).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
        assertThat(every5.next(NOW, NOW.minus(Duration.ofHours(1)))).isEqualTo(NOW);
    }

    @Test
    @DisplayName("cron fields are minute hour day-of-month month day-of-week, read in the schedule's zone")
    void cronNext() {
        assertThat(ScheduleTiming.of(null, "*/15 * * * *", null).next(NOW, null))
                .isEqualTo(Instant.parse("2026-03-28T10:15:00Z"));
        assertThat(ScheduleTiming.of(null, "@hourly", null).next(NOW, NOW))
                .isEqualTo(Instant.parse("2026-03-28T11:00:00Z"));
        assertThat(ScheduleTiming.of(null, "@DAILY", null).next(NOW, null))
                .isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        // 04:30 in Berlin: summer time starts on 29 March 2026, so the next day's run is an hour earlier in UTC
        ScheduleTiming berlin = ScheduleTiming.of(null, " 30 4 * * * ", "Europe/Berlin");
        assertThat(berlin.cron()).isEqualTo("30 4 * * *");
        assertThat(berlin.next(NOW, null)).isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));
        assertThat(berlin.next(Instant.parse("2026-03-29T02:30:00Z"), null))
                .isEqualTo(Instant.parse("2026-03-30T02:30:00Z"));
        assertThat(ScheduleTiming.of(null, "0 9 * * 1-5", null).next(NOW, null))
                .as("Saturday → Monday")
                .isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
        assertThat(berlin.intervalText()).isNull();
    }

    @ParameterizedTest(name = "interval={0} cron={1} zone={2} → {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, null, null, invalid-schedule",
                "'', ' ', null, invalid-schedule",
                "5m, @hourly, null, invalid-schedule",
                "59s, null, null, invalid-interval",
                "31d, null, null, invalid-interval",
                "0m, null, null, invalid-interval",
                "-1h, null, null, invalid-interval",
                "5 minutes, null, null, invalid-interval",
                "null, * * * *, null, invalid-cron",
                "null, 0 * * * * *, null, invalid-cron",
                "null, 60 * * * *, null, invalid-cron",
                "null, * 24 * * *, null, invalid-cron",
                "null, 0 0 31 2 *, null, invalid-cron",
                "null, @reboot, null, invalid-cron",
                "null, @every 5m, null, invalid-cron",
                "null, @daily, Not/AZone, invalid-time-zone",
            })
    void invalid(String interval, String cron, String zone, String code) {
        assertThatThrownBy(() -> ScheduleTiming.of(interval, cron, zone))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    @DisplayName("an over-long cron expression is refused before it is parsed")
    void longCron() {
        assertThatThrownBy(() -> ScheduleTiming.of(null, "1,".repeat(100) + "2 * * * *", null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("cron"));
    }

    @Test
    @DisplayName("cron in a time zone: the next time strictly after now; impossible dates never fire")
    void cronInZone() {
        ScheduleTiming daily = ScheduleTiming.of(null, "30 2 * * *", "Europe/Berlin");
        assertThat(daily.next(Instant.parse("2026-01-10T00:00:00Z"), null))
                .isEqualTo(Instant.parse("2026-01-10T01:30:00Z"));
        for (String bad : java.util.List.of("61 * * * *", "* * *", "0 0 * * * *", "@sometimes", "0 0 30 2 *")) {
            assertThatThrownBy(() -> ScheduleTiming.of(null, bad, "UTC"))
                    .as(bad)
                    .extracting(e -> ((dev.cloudops.platform.error.ApiException) e).code())
                    .isEqualTo("invalid-cron");
        }
    }
}
