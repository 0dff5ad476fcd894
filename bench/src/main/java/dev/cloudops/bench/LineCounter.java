package dev.cloudops.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Counts, in a byte stream fed in arbitrary pieces, the lines starting with a prefix (every line for an empty
 * prefix), and keeps the last line (its first {@link #MAX_LAST} bytes). A last line without a terminator counts.
 * Holds nothing else, so any amount of output can pass through.
 */
public final class LineCounter {

    static final int MAX_LAST = 4096;

    private final byte[] prefix;
    private long bytes;
    private long matching;
    private int column;
    private boolean candidate = true;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private String last = "";

    public LineCounter(String prefix) {
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    public void accept(byte[] buffer, int length) {
        bytes += length;
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                endLine();
                continue;
            }
            if (column < prefix.length && prefix[column] != b) {
                candidate = false;
            }
            if (column < MAX_LAST) {
                current.write(b);
            }
            column++;
        }
    }

    private void endLine() {
        if (candidate && column >= prefix.length) {
            matching++;
        }
        last = current.toString(StandardCharsets.UTF_8);
        current.reset();
        column = 0;
        candidate = true;
    }

    /** Bytes seen. */
    public long bytes() {
        return bytes;
    }

    /** Lines starting with the prefix, counting an unterminated last line. */
    public long matching() {
        return matching + (column > 0 && candidate && column >= prefix.length ? 1 : 0);
    }

    /** The last line (an unterminated one if there is one), cut at {@link #MAX_LAST} bytes. */
    public String lastLine() {
        return column > 0 ? current.toString(StandardCharsets.UTF_8) : last;
    }
}
