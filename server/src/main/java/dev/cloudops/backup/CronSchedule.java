package dev.cloudops.backup;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * A backup schedule: a crontab expression of five fields (minute hour day-of-month month day-of-week) or a macro
 * ({@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}), in an IANA time zone.
 * Parsed by Spring's {@link CronExpression}.
 */
record CronSchedule(CronExpression expression, ZoneId zone) {

    /** Fails with 400 {@code invalid-cron} or {@code invalid-time-zone}. */
    static CronSchedule parse(String cron, String timeZone) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip());
        } catch (DateTimeException e) {
            throw BackupProblems.invalid(
                    "invalid-time-zone", "timeZone", "'" + timeZone + "' is not an IANA time zone");
        }
        String text = cron == null ? "" : cron.strip();
        String[] fields = text.split("\\s+");
        boolean macro = text.startsWith("@") && fields.length == 1;
        if (!macro && fields.length != 5) {
            throw BackupProblems.invalid(
                    "invalid-cron",
                    "cron",
                    "cron must have five fields (minute hour day-of-month month day-of-week) or be @hourly, @daily,"
                            + " @weekly, @monthly or @yearly; got '" + text + "'");
        }
        try {
            CronExpression expression = CronExpression.parse(macro ? text : "0 " + text);
            if (expression.next(ZonedDateTime.now(zone)) == null) {
                throw new IllegalArgumentException("it never fires");
            }
            return new CronSchedule(expression, zone);
        } catch (IllegalArgumentException e) {
            throw BackupProblems.invalid(
                    "invalid-cron", "cron", "cron '" + text + "' does not parse: " + e.getMessage());
        }
    }

    /** The first run strictly after {@code after}, or null when there is none. */
    Instant next(Instant after) {
        ZonedDateTime next = expression.next(after.atZone(zone));
        return next == null ? null : next.toInstant();
    }
}
