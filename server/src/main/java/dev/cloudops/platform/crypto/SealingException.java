package dev.cloudops.platform.crypto;

/** A sealed value could not be opened: unknown key, wrong format or tampering. */
public class SealingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealingException(String message) {
        super(message);
    }
}
