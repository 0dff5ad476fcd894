package dev.cloudops.platform.error;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Answers every failure as an RFC 9457 problem with a stable {@code code}; never a stack trace. */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return Problems.response(e.status(), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        FieldError first = e.getBindingResult().getFieldError();
        String field = first == null ? null : first.getField();
        String detail = first == null ? "invalid request" : field + ": " + first.getDefaultMessage();
        return Problems.response(HttpStatus.BAD_REQUEST, "invalid-field", detail, field);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violation(ConstraintViolationException e) {
        var first = e.getConstraintViolations().stream().findFirst();
        String field = first.map(v -> leaf(v.getPropertyPath())).orElse(null);
        String detail = first.map(v -> leaf(v.getPropertyPath()) + ": " + v.getMessage())
                .orElse("invalid request");
        return Problems.response(HttpStatus.BAD_REQUEST, "invalid-field", detail, field);
    }

    /** "list.size" names the method too; the caller only knows the parameter. */
    private static String leaf(jakarta.validation.Path path) {
        String name = null;
        for (jakarta.validation.Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? path.toString() : name;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api(api);
            }
        }
        return Problems.response(
                HttpStatus.BAD_REQUEST, "malformed-body", "The request body is missing or not valid JSON", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Parameter '" + e.getName() + "' has an invalid value",
                e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e) {
        return Problems.response(
                HttpStatus.BAD_REQUEST,
                "missing-parameter",
                "Parameter '" + e.getParameterName() + "' is required",
                e.getParameterName());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Content type " + e.getContentType() + " is not supported here",
                null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e) {
        return Problems.response(
                HttpStatus.CONTENT_TOO_LARGE,
                "upload-too-large",
                "The upload is larger than the server accepts (cloudops.files.max-upload-bytes)",
                null);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        return Problems.response(
                HttpStatus.BAD_REQUEST, "malformed-multipart", "The multipart request could not be read", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return Problems.response(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method " + e.getMethod() + " is not allowed here",
                null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
        return Problems.response(HttpStatus.NOT_FOUND, "no-such-endpoint", "No endpoint " + e.getResourcePath(), null);
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // The client closed the connection mid-stream: nothing to answer and nothing to report.
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Problems.response(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "An unexpected error occurred", null);
    }

    /** Builds problem answers; shared with the security entry points, which run outside MVC. */
    public static final class Problems {
        private Problems() {}

        public static ProblemDetail of(HttpStatusCode status, String code, String detail, String field) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setType(URI.create("https://cloudops.dev/problems/" + code));
            problem.setProperty("code", code);
            if (field != null) {
                problem.setProperty("field", field);
            }
            return problem;
        }

        public static ResponseEntity<ProblemDetail> response(
                HttpStatusCode status, String code, String detail, String field) {
            return ResponseEntity.status(status)
                    .header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .body(of(status, code, detail, field));
        }
    }
}
