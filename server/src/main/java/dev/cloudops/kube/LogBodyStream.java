package dev.cloudops.kube;

import io.fabric8.kubernetes.client.http.AsyncBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * A response body read ahead into a bounded queue. fabric8's own log stream asks the HTTP client for the next chunk
 * only once the reader has used up the last one, so every chunk (8 KiB from Vert.x) costs a round trip between the
 * reader and the event loop, and it copies byte by byte; that caps a log read at well under the speed of the
 * network. Here the event loop keeps fetching while less than {@link #HIGH_WATER} bytes wait, and the reader
 * resumes it once it has taken the queue below {@link #LOW_WATER}, so memory stays bounded and the two run side by
 * side.
 */
final class LogBodyStream extends InputStream implements AsyncBody.Consumer<List<ByteBuffer>> {

    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = HIGH_WATER / 2;

    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private AsyncBody body;
    /** A fetch is outstanding: the event loop will deliver (or finish) without being asked again. */
    private boolean fetching;

    private boolean done;
    private Throwable failure;
    private boolean closed;

    /** Called from the event loop with the next chunks; keeps fetching while the queue has room. */
    @Override
    public void consume(List<ByteBuffer> chunks, AsyncBody from) {
        boolean more;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (ByteBuffer chunk : chunks) {
                if (chunk.hasRemaining()) {
                    queue.add(chunk);
                    queued += chunk.remaining();
                }
            }
            more = queued < HIGH_WATER;
            fetching = more;
            notifyAll();
        }
        if (more) {
            from.consume();
        }
    }

    /** Starts reading the body of a response whose headers have arrived. */
    void start(AsyncBody asyncBody) {
        synchronized (this) {
            this.body = Objects.requireNonNull(asyncBody);
            fetching = true;
        }
        asyncBody.done().whenComplete((ignored, error) -> finished(error));
        asyncBody.consume();
    }

    private synchronized void finished(Throwable error) {
        done = true;
        failure = error;
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        int read = 0;
        AsyncBody resume = null;
        synchronized (this) {
            while (queue.isEmpty()) {
                if (closed) {
                    throw new IOException("Stream closed");
                }
                if (done) {
                    if (failure != null && !(failure instanceof java.util.concurrent.CancellationException)) {
                        throw new IOException("The log stream broke off: " + failure.getMessage(), failure);
                    }
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while reading the log");
                }
            }
            while (read < length && !queue.isEmpty()) {
                ByteBuffer head = queue.peekFirst();
                int n = Math.min(length - read, head.remaining());
                head.get(target, offset + read, n);
                read += n;
                if (!head.hasRemaining()) {
                    queue.pollFirst();
                }
            }
            queued -= read;
            if (!fetching && !done && queued < LOW_WATER) {
                fetching = true;
                resume = body;
            }
        }
        if (resume != null) {
            resume.consume(); // outside the lock: the event loop may deliver right away
        }
        return read;
    }

    /** The bytes that can be read without waiting for the network. */
    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queued);
    }

    /** Reads what is left of a small body (an error answer), at most {@code max} bytes, and closes the stream. */
    byte[] readSmall(int max) throws IOException {
        try (this) {
            return readNBytes(max);
        }
    }

    @Override
    public void close() {
        AsyncBody cancel;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queued = 0;
            cancel = done ? null : body;
            notifyAll();
        }
        if (cancel != null) {
            cancel.cancel();
        }
    }
}
