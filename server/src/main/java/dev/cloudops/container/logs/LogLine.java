package dev.cloudops.container.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One log line with the timestamp the API server put in front of it ({@code timestamps=true}).
 *
 * @param ts the line's timestamp, or null when the line carried none
 * @param text the line without the timestamp
 */
record LogLine(Instant ts, String text) {

    /** Splits "2026-01-02T03:04:05.123456789Z text" into its timestamp and text. */
    /**
     * The text of a line without parsing its timestamp: searching a long log parses timestamps only for the lines
     * it reports.
     */
    static String textOf(String raw) {
        int space = raw.indexOf(' ');
        return space >= 20 && raw.charAt(4) == '-' && raw.charAt(10) == 'T' ? raw.substring(space + 1) : raw;
    }

    static LogLine parse(String raw) {
        int space = raw.indexOf(' ');
        String head = space < 0 ? raw : raw.substring(0, space);
        if (head.length() >= 20 && head.charAt(4) == '-' && head.charAt(10) == 'T') {
            try {
                return new LogLine(Instant.parse(head), space < 0 ? "" : raw.substring(space + 1));
            } catch (DateTimeParseException e) {
                // Not a timestamp after all: the text is the whole line.
            }
        }
        return new LogLine(null, raw);
    }
}
