package dev.cloudops.container.logs;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines with a length cap: a log line longer than {@code max} characters is cut there and the rest of it
 * skipped, so one runaway line cannot take the server's memory. Accepts {@code \n} and {@code \r\n}.
 */
final class LineReader implements AutoCloseable {

    static final int MAX_LINE = 16 * 1024;

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    LineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    String next() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null ? null : strip(line);
                }
            }
            if (line == null) {
                line = new StringBuilder(80);
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int room = max - line.length();
            line.append(buffer, start, Math.min(room, position - start));
            if (position < limit) {
                position++; // the newline
                return strip(line);
            }
        }
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
