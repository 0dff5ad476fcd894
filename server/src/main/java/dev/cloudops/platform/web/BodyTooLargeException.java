package dev.cloudops.platform.web;

import dev.cloudops.platform.error.ApiException;
import org.springframework.http.HttpStatus;

/** A streamed request body went past the limit. */
public class BodyTooLargeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long max) {
        super(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body is larger than " + max + " bytes");
    }
}
