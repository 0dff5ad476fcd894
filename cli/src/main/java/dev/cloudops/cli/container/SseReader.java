package dev.cloudops.cli.container;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} as the HTML standard's event-stream interpretation does: lines end with CR,
 * LF or CRLF, {@code data} lines of one event are joined with LF, an {@code id} stays the last event id until
 * the next one, {@code retry} sets the reconnection delay, comments ({@code :}) and unknown fields are skipped,
 * and an event cut off by the end of the stream is dropped.
 *
 * <p>One deliberate difference: the standard drops one space after {@code data:}. The platform's server (Spring's
 * {@code SseEmitter}) writes {@code data:} directly followed by the log line, so dropping a space would eat the
 * first blank of every indented line (a Python traceback's {@code   File …}). Data is therefore kept exactly as
 * sent; the other fields lose the space as the standard says.
 */
public final class SseReader {

    /** An event as dispatched: the last event id at that moment (or null) and its data. */
    public record Event(String id, String data) {}

    /** Longer lines are cut here; the platform's server cuts log lines at 16 KiB. */
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean afterCr;
    private boolean started;
    private String lastEventId;
    private Duration retry;

    public SseReader(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /** The next event, or null at the end of the stream. */
    public Event next() throws IOException {
        StringBuilder data = null;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new Event(lastEventId, data.toString());
                }
                continue;
            }
            if (text.charAt(0) == ':') {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (!field.equals("data") && value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastEventId = value.isEmpty() ? null : value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(Character::isDigit)) {
                        retry = Duration.ofMillis(Long.parseLong(value));
                    }
                }
                default -> {
                    // "event" and unknown fields: the platform sends unnamed events only.
                }
            }
        }
        return null;
    }

    /** The reconnection delay the stream asked for, if it did. */
    Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    /** The last event id seen, or null. */
    String lastEventId() {
        return lastEventId;
    }

    /** One line without its end, decoded as UTF-8; null when the stream ends (a last line without an end is dropped). */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                return decode();
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            }
        }
    }

    private String decode() {
        String text = line.toString(StandardCharsets.UTF_8);
        if (!started) {
            started = true;
            if (text.startsWith("\uFEFF")) {
                return text.substring(1);
            }
        }
        return text;
    }
}
