package dev.cloudops.container.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a stream to its end, keeping its first {@code cap} bytes and counting the rest. */
final class OutputCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private long total;

    OutputCapture(int cap) {
        this.cap = cap;
    }

    /** Reads until the end of {@code in}; an I/O error ends the reading as the end would. */
    void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    int room = (int) Math.max(0, Math.min(n, cap - total));
                    kept.write(buffer, 0, room);
                    total += n;
                }
            }
        } catch (IOException e) {
            // The connection closed (timeout or cancel); what was read is the answer.
        }
    }

    synchronized boolean truncated() {
        return total > cap;
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }
}
