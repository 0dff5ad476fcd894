package dev.cloudops.container.logs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Passes a log through while counting its bytes and lines and noting the timestamps of its first and last line.
 * Only the first few bytes of the current line are kept, so memory stays fixed however long the log is.
 */
final class LogMeter extends FilterOutputStream {

    /** Enough for the longest RFC 3339 timestamp the API server writes, and the space after it. */
    private static final int HEAD = 48;

    private final byte[] head = new byte[HEAD];
    private int headLength;
    private boolean inLine;
    private long bytes;
    private long lines;
    private Instant first;
    private Instant last;

    LogMeter(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        see((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            see(b[i]);
        }
    }

    private void see(byte b) {
        bytes++;
        if (b == '\n') {
            endLine();
            return;
        }
        inLine = true;
        if (headLength < HEAD) {
            head[headLength++] = b;
        }
    }

    private void endLine() {
        lines++;
        Instant ts = LogLine.parse(new String(head, 0, headLength, StandardCharsets.UTF_8))
                .ts();
        if (ts != null) {
            if (first == null) {
                first = ts;
            }
            last = ts;
        }
        headLength = 0;
        inLine = false;
    }

    /** Counts a last line without a newline; call once the whole log has been written. */
    void finish() {
        if (inLine) {
            endLine();
        }
    }

    long bytes() {
        return bytes;
    }

    long lines() {
        return lines;
    }

    Instant first() {
        return first;
    }

    Instant last() {
        return last;
    }
}
