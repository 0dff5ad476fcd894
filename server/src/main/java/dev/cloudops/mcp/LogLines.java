package dev.cloudops.mcp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * An output stream that a log is written into: it splits lines, keeps those matching the pattern, and holds only the
 * newest of them within a line count and a character cap, so memory stays bounded whatever the log's size.
 */
final class LogLines extends OutputStream {

    /** A longer line is cut: one minified JSON blob must not take the whole answer. */
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final Pattern grep;
    private final int maxLines;
    private final long maxChars;
    private final Deque<String> kept = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long keptChars;
    private long read;
    private long matched;
    private long dropped;

    LogLines(Pattern grep, int maxLines, long maxChars) {
        this.grep = grep;
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            endLine();
        } else if (line.size() < MAX_LINE_BYTES) {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void close() {
        if (line.size() > 0) {
            endLine();
        }
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        read++;
        if (grep != null && !grep.matcher(text).find()) {
            return;
        }
        matched++;
        kept.addLast(text);
        keptChars += text.length() + 1;
        while (kept.size() > maxLines || (keptChars > maxChars && kept.size() > 1)) {
            keptChars -= kept.removeFirst().length() + 1;
            dropped++;
        }
    }

    String text() {
        return String.join("\n", kept) + (kept.isEmpty() ? "" : "\n");
    }

    long linesRead() {
        return read;
    }

    long linesMatched() {
        return matched;
    }

    long linesDropped() {
        return dropped;
    }
}
