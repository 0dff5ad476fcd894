package dev.cloudops.container.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The SSE event id of a log line: its timestamp and its place among the lines that share that timestamp
 * ({@code 2026-01-02T03:04:05.123456789Z#2}), so a reconnecting client names exactly the last line it saw.
 *
 * @param ts the line's timestamp
 * @param ordinal 1 for the first line with this timestamp, 2 for the second …
 */
record LogEventId(Instant ts, int ordinal) {

    /** Parses a {@code Last-Event-ID}; 400 {@code invalid-parameter} when it is not one of ours. */
    static LogEventId parse(String value) {
        int hash = value.lastIndexOf('#');
        try {
            Instant ts = Instant.parse(hash < 0 ? value : value.substring(0, hash));
            int ordinal = hash < 0 ? 1 : Integer.parseInt(value.substring(hash + 1));
            if (ordinal < 1) {
                throw new NumberFormatException("ordinal below 1");
            }
            return new LogEventId(ts, ordinal);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw LogQuery.invalid(
                    "Last-Event-ID", "Last-Event-ID must be an id this stream sent, like 2026-01-02T03:04:05Z#1");
        }
    }

    /*
     * The API server reads sinceTime as an RFC 3339 time and some versions drop the fraction; asking from the
     * whole second before is never too late, and the lines already seen are skipped by {@link #seen}.
     */
    Instant resumeFrom() {
        return ts.truncatedTo(ChronoUnit.SECONDS);
    }

    /** True for a line the client already has: older, or the same timestamp and not past its ordinal. */
    boolean seen(Instant lineTs, int lineOrdinal) {
        int c = lineTs.compareTo(ts);
        return c < 0 || (c == 0 && lineOrdinal <= ordinal);
    }

    @Override
    public String toString() {
        return ts + "#" + ordinal;
    }
}
