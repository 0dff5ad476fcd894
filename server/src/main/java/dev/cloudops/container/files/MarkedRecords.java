package dev.cloudops.container.files;

import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;

/**
 * Splits a command's output into records that each start with a marker chosen at random for that one call. File
 * names may hold any byte but NUL and {@code /}, newlines included, so no separator a name could contain is used;
 * a name (or a link target) that happens to hold a 128-bit random marker cannot be planted in advance.
 */
final class MarkedRecords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_RECORD = 64 * 1024;

    private final InputStream in;
    private final byte[] marker;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private boolean started;
    private boolean done;

    MarkedRecords(InputStream in, String marker) {
        this.in = in;
        this.marker = marker.getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh marker: letters and digits only, safe inside a {@code stat -c} format. */
    static String newMarker() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "CO" + HexFormat.of().formatHex(bytes);
    }

    /**
     * The next record (the bytes after a marker up to the next marker or the end), or null at the end. Bytes
     * before the first marker are skipped.
     */
    byte[] next() throws IOException {
        if (done) {
            return null;
        }
        if (!started) {
            int at = find();
            if (at < 0) {
                done = true;
                return null;
            }
            start = at + marker.length;
            started = true;
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        while (true) {
            int at = indexOf(start, end);
            if (at >= 0) {
                record.write(buffer, start, at - start);
                start = at + marker.length;
                return record.toByteArray();
            }
            if (eof) {
                record.write(buffer, start, end - start);
                start = end;
                done = true;
                return record.toByteArray();
            }
            // Keep a possible marker prefix at the end of the buffer for the next read.
            int keep = Math.min(marker.length - 1, end - start);
            record.write(buffer, start, end - start - keep);
            if (record.size() > MAX_RECORD) {
                throw new ApiException(
                        HttpStatus.BAD_GATEWAY, "file-output-invalid", "The container answered an oversized record");
            }
            compact(end - keep);
            fill();
        }
    }

    /** Finds the first marker, reading as needed; -1 at the end without one. */
    private int find() throws IOException {
        while (true) {
            int at = indexOf(start, end);
            if (at >= 0 || eof) {
                if (at < 0) {
                    start = end;
                }
                return at;
            }
            compact(Math.max(start, end - marker.length + 1));
            fill();
        }
    }

    private void compact(int from) {
        System.arraycopy(buffer, from, buffer, 0, end - from);
        end -= from;
        start = 0;
    }

    private void fill() throws IOException {
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    private int indexOf(int from, int to) {
        outer:
        for (int i = from; i <= to - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
