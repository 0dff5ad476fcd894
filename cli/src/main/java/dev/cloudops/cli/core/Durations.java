package dev.cloudops.cli.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them on a command line, kubectl style: {@code 45s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[dhms])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");

    private Durations() {}

    /**
     * Parses one or more {@code <number><unit>} parts, units {@code d}, {@code h}, {@code m} and {@code s}, in any
     * case; the parts add up ({@code 1h30m} is 90 minutes).
     *
     * @throws IllegalArgumentException with a message fit for the user when {@code text} is not such a duration
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid duration '" + text
                    + "': expected a number and a unit (s, m, h or d), e.g. 30s, 10m," + " 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
        }
        return total;
    }
}
