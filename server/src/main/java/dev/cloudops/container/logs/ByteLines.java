package dev.cloudops.container.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a log's lines as slices of one reused byte buffer, so that a search decodes only the lines it has to (see
 * {@link RequiredLiteral}). Lines end at {@code \n}; a line keeps at most {@link #MAX_BYTES} bytes and the rest of it
 * is skipped. {@link #decode} turns a slice into the same text {@link LineReader} gives: cut at
 * {@link LineReader#MAX_LINE} characters, without a trailing {@code \r}, undecodable bytes replaced.
 */
final class ByteLines implements AutoCloseable {

    /** Enough bytes for {@link LineReader#MAX_LINE} characters of any UTF-8 text. */
    static final int MAX_BYTES = 4 * LineReader.MAX_LINE;

    private static final int BUFFER = 256 * 1024;

    private final InputStream in;
    private final Runnable beforeWait;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private boolean eof;
    private int start;
    private int end;

    /**
     * @param beforeWait run before a read that would wait for the stream (nothing is available yet), so a caller
     *     can flush what it has written
     */
    ByteLines(InputStream in, Runnable beforeWait) {
        this.in = in;
        this.beforeWait = beforeWait;
    }

    /** Moves to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        while (true) {
            int newline = indexOfNewline(position, limit);
            if (newline >= 0) {
                start = position;
                end = Math.min(newline, position + MAX_BYTES);
                position = newline + 1;
                return true;
            }
            if (limit - position >= MAX_BYTES) {
                return longLine();
            }
            if (eof) {
                if (position == limit) {
                    return false;
                }
                start = position;
                end = limit;
                position = limit;
                return true;
            }
            compact();
            fill();
        }
    }

    /** The current line's bytes; valid until the next call to {@link #next}. */
    byte[] bytes() {
        return buffer;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** The current line as text. */
    String text() {
        return decode(buffer, start, end);
    }

    /** A line's bytes as text: cut at {@link LineReader#MAX_LINE} characters, without a trailing {@code \r}. */
    static String decode(byte[] bytes, int from, int to) {
        String line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (line.length() > LineReader.MAX_LINE) {
            line = line.substring(0, LineReader.MAX_LINE);
        }
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line;
    }

    /** A line longer than {@link #MAX_BYTES}: keeps its head at the start of the buffer and skips the rest. */
    private boolean longLine() throws IOException {
        System.arraycopy(buffer, position, buffer, 0, MAX_BYTES);
        start = 0;
        end = MAX_BYTES;
        int from = position + MAX_BYTES;
        while (true) {
            int newline = indexOfNewline(from, limit);
            if (newline >= 0) {
                // what follows the newline moves up behind the kept head
                int rest = limit - (newline + 1);
                System.arraycopy(buffer, newline + 1, buffer, MAX_BYTES, rest);
                position = MAX_BYTES;
                limit = MAX_BYTES + rest;
                return true;
            }
            position = MAX_BYTES;
            limit = MAX_BYTES;
            if (eof) {
                return true;
            }
            fill();
            from = MAX_BYTES;
        }
    }

    private int indexOfNewline(int from, int to) {
        return Swar.indexOf(buffer, from, to, (byte) '\n', (byte) 0);
    }

    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
    }

    private void fill() throws IOException {
        if (in.available() <= 0) {
            beforeWait.run();
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
