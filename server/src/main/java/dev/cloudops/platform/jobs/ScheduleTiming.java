package dev.cloudops.platform.jobs;

import dev.cloudops.platform.error.ApiException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule (log snapshots, backups, cross-cluster sync) runs: every {@code interval} (counted from the start of the previous run), or at the times of a cron
 * expression in the five-field syntax of a Kubernetes CronJob (minute hour day-of-month month day-of-week, or a
 * macro such as {@code @hourly}) in a time zone.
 *
 * @param interval the fixed interval, or null for a cron schedule
 * @param cron the cron expression as given, or null for an interval
 * @param zone the time zone the cron expression is read in
 */
public record ScheduleTiming(Duration interval, String cron, ZoneId zone) {

    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(30);
    static final int MAX_CRON = 128;

    private static final Set<String> MACROS =
            Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
    private static final Pattern FIELDS = Pattern.compile("\\s+");

    /**
     * Checks and reads the timing of a schedule: exactly one of {@code interval} ({@code 15m}, {@code 2h},
     * {@code PT30M}; 1 minute to 30 days) and {@code cron}; {@code timeZone} an IANA zone, UTC when null.
     */
    public static ScheduleTiming of(String interval, String cron, String timeZone) {
        boolean hasInterval = interval != null && !interval.isBlank();
        boolean hasCron = cron != null && !cron.isBlank();
        if (hasInterval == hasCron) {
            throw ApiException.badRequest(
                    "invalid-schedule", "give exactly one of interval (such as 15m) and cron", "interval");
        }
        ZoneId zone = zone(timeZone);
        if (hasInterval) {
            return new ScheduleTiming(interval(interval.strip()), null, zone);
        }
        String expression = cron.strip();
        expression(expression);
        return new ScheduleTiming(null, expression, zone);
    }

    private static Duration interval(String text) {
        Duration value;
        try {
            value = DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid-interval",
                    "interval must be a duration such as 15m, 2h or PT30M, not '" + text + "'",
                    "interval");
        }
        if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(MAX_INTERVAL) > 0) {
            throw ApiException.badRequest(
                    "invalid-interval", "interval must be between 1 minute and 30 days, not " + text, "interval");
        }
        return value;
    }

    /** The cron expression in Spring's six-field form (with seconds), checked; it must fire at some time. */
    private static CronExpression expression(String cron) {
        if (cron.length() > MAX_CRON) {
            throw invalidCron("cron must be at most " + MAX_CRON + " characters");
        }
        String lower = cron.toLowerCase(Locale.ROOT);
        String spring;
        if (cron.startsWith("@")) {
            if (!MACROS.contains(lower)) {
                throw invalidCron("unknown cron macro " + cron + "; use one of " + MACROS);
            }
            spring = lower;
        } else {
            String[] fields = FIELDS.split(cron);
            if (fields.length != 5) {
                throw invalidCron(
                        "cron must have 5 fields (minute hour day-of-month month day-of-week), not " + fields.length);
            }
            spring = "0 " + String.join(" ", fields);
        }
        CronExpression expression;
        try {
            expression = CronExpression.parse(spring);
        } catch (IllegalArgumentException e) {
            throw invalidCron("cron '" + cron + "' is not valid: " + e.getMessage());
        }
        if (expression.next(ZonedDateTime.now(ZoneId.of("UTC"))) == null) {
            throw invalidCron("cron '" + cron + "' never fires");
        }
        return expression;
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw ApiException.badRequest(
                    "invalid-time-zone",
                    "timeZone must be an IANA time zone such as Europe/Berlin, not '" + timeZone + "'",
                    "timeZone");
        }
    }

    private static ApiException invalidCron(String detail) {
        return ApiException.badRequest("invalid-cron", detail, "cron");
    }

    /**
     * The first run after {@code now}: right away for an interval that has not run yet, else an interval after
     * the last run (never before {@code now}); for a cron expression its next time after {@code now}.
     */
    public Instant next(Instant now, Instant lastRun) {
        if (interval != null) {
            if (lastRun == null) {
                return now;
            }
            Instant due = lastRun.plus(interval);
            return due.isBefore(now) ? now : due;
        }
        ZonedDateTime next = expression(cron).next(now.atZone(zone));
        return next == null ? null : next.toInstant();
    }

    /** The interval as the API shows it ({@code PT15M}), or null. */
    public String intervalText() {
        return interval == null ? null : interval.toString();
    }
}
