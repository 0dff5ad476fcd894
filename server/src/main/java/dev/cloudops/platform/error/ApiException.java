package dev.cloudops.platform.error;

import org.springframework.http.HttpStatus;

/**
 * The one exception every feature throws for a client-visible failure. It carries the HTTP status, a stable
 * problem {@code code}, a human detail and optionally the offending field; {@link ProblemHandler} turns it
 * into an RFC 9457 answer.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiException(HttpStatus status, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, null);
    }

    public static ApiException badRequest(String code, String detail, String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail, field);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException conflict(String code, String detail, String field) {
        return new ApiException(HttpStatus.CONFLICT, code, detail, field);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiException unprocessable(String code, String detail, String field) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, field);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
