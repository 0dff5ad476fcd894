package dev.cloudops.cli.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Timestamps as the short ages {@code kubectl} prints: {@code 45s}, {@code 12m}, {@code 5h}, {@code 3d}. */
public final class Ages {

    private Ages() {}

    /**
     * How long ago {@code timestamp} (ISO-8601) was, by {@code clock}. {@code null} or blank is {@code <never>};
     * text that is not an instant is shown as it came, so a server format change never hides the value.
     */
    public static String since(String timestamp, Clock clock) {
        if (timestamp == null || timestamp.isBlank()) {
            return "<never>";
        }
        Instant then;
        try {
            then = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return timestamp;
        }
        return format(Duration.between(then, clock.instant()));
    }

    /** A duration in the largest unit that keeps two significant digits; negative (clock skew) is {@code 0s}. */
    public static String format(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (days < 730) {
            return days + "d";
        }
        return days / 365 + "y";
    }
}
