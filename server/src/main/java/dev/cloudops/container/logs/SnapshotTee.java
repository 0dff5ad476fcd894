package dev.cloudops.container.logs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies a log into the archive as it is read for another purpose (an export). Reaching the end of the log and
 * closing the stream keeps the snapshot; closing it earlier, as a failure does, discards it.
 */
final class SnapshotTee extends FilterInputStream {

    /** Keeps a complete archive file, such as by inserting its row. */
    @FunctionalInterface
    interface Keeper {
        void keep(LogArchive.Written written) throws IOException;
    }

    private final LogArchive.Pending pending;
    private final Keeper keeper;
    private boolean ended;
    private boolean closed;

    SnapshotTee(InputStream in, LogArchive.Pending pending, Keeper keeper) {
        super(in);
        this.pending = pending;
        this.keeper = keeper;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            ended = true;
        } else {
            pending.out().write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            ended = true;
        } else {
            pending.out().write(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("A log being archived cannot skip");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (pending) {
            in.close();
            if (ended) {
                keeper.keep(pending.commit());
            }
        }
    }
}
