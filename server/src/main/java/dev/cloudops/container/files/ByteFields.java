package dev.cloudops.container.files;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a command's output field by field up to a delimiter, keeping at most a given number of bytes of each. */
final class ByteFields {

    private final InputStream in;
    private boolean eof;

    ByteFields(InputStream in) {
        this.in = new BufferedInputStream(in, 16 * 1024);
    }

    /**
     * The bytes up to (not including) {@code delimiter}, of which only the first {@code keep} are kept (the rest is
     * read and dropped); null at the end of the stream when nothing was read.
     */
    byte[] next(int delimiter, int keep) throws IOException {
        if (eof) {
            return null;
        }
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        boolean any = false;
        int b;
        while ((b = read(any)) >= 0) {
            any = true;
            if (b == delimiter) {
                return field.toByteArray();
            }
            if (field.size() < keep) {
                field.write(b);
            }
        }
        eof = true;
        return any ? field.toByteArray() : null;
    }

    /** The rest of the stream (its first {@code keep} bytes), empty at the end. */
    byte[] rest(int keep) throws IOException {
        byte[] all = next(-1, keep);
        return all == null ? new byte[0] : all;
    }

    /** A connection that breaks after a field's first bytes ends that field. */
    private int read(boolean any) throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            if (any) {
                return -1;
            }
            throw e;
        }
    }
}
