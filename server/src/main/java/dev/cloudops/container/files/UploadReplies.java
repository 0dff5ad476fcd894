package dev.cloudops.container.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The upload script's standard output, read in the background: an {@code A} line per frame it has taken in (the
 * acknowledgements that pace the upload), and its other lines (READY, EXTRACTED, DONE, EXISTS) for the caller in
 * order. Waiting for acknowledgements bounds what is in flight towards the container to a few frames, whatever the
 * exec connection would queue.
 */
final class UploadReplies implements FramedOutputStream.Gate {

    private static final String END = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int window;
    private long acknowledged;
    private boolean ended;

    /** @param window frames that may be sent and not yet acknowledged */
    UploadReplies(InputStream stdout, ExecutorService readers, int window) {
        this.window = window;
        readers.submit(() -> read(stdout));
    }

    private void read(InputStream stdout) {
        ByteFields fields = new ByteFields(stdout);
        try {
            byte[] line;
            while ((line = fields.next('\n', 8 * 1024)) != null) {
                String text = new String(line, StandardCharsets.UTF_8);
                if (text.equals("A")) {
                    synchronized (this) {
                        acknowledged++;
                        notifyAll();
                    }
                } else {
                    lines.add(text);
                }
            }
        } catch (IOException e) {
            // The connection ended: so does the output.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
            lines.add(END);
        }
    }

    /** Waits until frame {@code frame} (from 1) may be sent; fails when the script no longer reads. */
    @Override
    public synchronized void beforeFrame(long frame) throws IOException {
        while (frame - acknowledged > window) {
            if (ended) {
                throw new IOException("the container stopped reading the upload");
            }
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** The next line that is not an acknowledgement; null at the end of the output or after {@code seconds}. */
    String next(long seconds) {
        try {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null || line.equals(END)) {
                if (line != null) {
                    lines.add(END);
                }
                return null;
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The remaining lines up to the end of the output, joined by newlines. */
    String rest(long seconds) {
        StringBuilder rest = new StringBuilder();
        String line;
        while ((line = next(seconds)) != null) {
            rest.append(rest.length() == 0 ? "" : "\n").append(line);
        }
        return rest.toString();
    }
}
