package dev.cloudops.container.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames a byte stream for {@link Scripts#UPLOAD}: chunks of {@code <length>\n<bytes>}, {@code 0\n} at the end. The
 * exec protocol cannot signal the end of standard input, and BusyBox tar reads its input to the end even after the
 * archive's end blocks; the framing lets the script close tar's input itself. Closing this stream does not close the
 * underlying one.
 */
final class FramedOutputStream extends OutputStream {

    private static final int HEADER = 16;

    /** Decides when a frame may go: the upload's flow control. */
    interface Gate {
        /** Returns when frame {@code frame} (from 1) may be sent. */
        void beforeFrame(long frame) throws IOException;
    }

    private final OutputStream out;
    private final byte[] buffer;
    private final int maxWrite;
    private final Gate gate;
    private int count;
    private long frames;

    /**
     * @param chunk bytes per frame
     * @param maxWrite the most bytes handed to the underlying stream in one write (one exec message each)
     * @param gate asked before each frame
     */
    FramedOutputStream(OutputStream out, int chunk, int maxWrite, Gate gate) {
        this.out = out;
        this.buffer = new byte[HEADER + chunk];
        this.maxWrite = maxWrite;
        this.gate = gate;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length - HEADER) {
            frame();
        }
        buffer[HEADER + count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buffer.length - HEADER) {
                frame();
            }
            int n = Math.min(len, buffer.length - HEADER - count);
            System.arraycopy(b, off, buffer, HEADER + count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Sends what is buffered as one frame (in writes of at most maxWrite bytes). */
    @Override
    public void flush() throws IOException {
        frame();
        out.flush();
    }

    /** Sends the rest and the end frame. */
    void end() throws IOException {
        frame();
        out.write("0\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Drops what is buffered and tells the reader to stop: a frame header that is not a number. */
    void abort() throws IOException {
        count = 0;
        out.write("abort\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        // The process's standard input stays open: the script reads its verdict from it next.
    }

    private void frame() throws IOException {
        if (count == 0) {
            return;
        }
        gate.beforeFrame(++frames);
        byte[] length = (count + "\n").getBytes(StandardCharsets.US_ASCII);
        int start = HEADER - length.length;
        System.arraycopy(length, 0, buffer, start, length.length);
        int end = HEADER + count;
        for (int at = start; at < end; at += maxWrite) {
            out.write(buffer, at, Math.min(maxWrite, end - at));
        }
        count = 0;
    }
}
