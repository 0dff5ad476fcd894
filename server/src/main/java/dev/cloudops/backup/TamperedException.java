package dev.cloudops.backup;

import java.io.IOException;

/** Encrypted data failed its authentication or a hash did not match: the archive was changed or damaged. */
class TamperedException extends IOException {

    private static final long serialVersionUID = 1L;

    TamperedException(String message) {
        super(message);
    }
}
