package dev.cloudops.container.files;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A download whose first bytes have arrived (so every failure before them was answered as a problem), ready to
 * stream.
 *
 * @param length the exact length, or -1 when unknown (archives, files whose size stat cannot tell)
 */
record Download(String filename, String contentType, long length, Body body) {

    /** Streams the rest; fails with {@link TransferAbortedException} when the container's side failed midway. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The transfer failed after the answer was committed: the connection must end without a proper end of the
     * response, so the client sees a broken transfer rather than a complete-looking short one.
     */
    static final class TransferAbortedException extends IOException {
        private static final long serialVersionUID = 1L;

        TransferAbortedException(String message) {
            super(message);
        }
    }
}
