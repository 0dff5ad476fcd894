package dev.cloudops.cli.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;

/**
 * An RFC 9457 problem document as the server sends it ({@code application/problem+json}), with the
 * platform's extension members {@code code} and {@code field}.
 *
 * @param type URI identifying the problem type
 * @param title short, human-readable summary of the type
 * @param status HTTP status code
 * @param detail human-readable explanation of this occurrence
 * @param code stable, machine-readable error code
 * @param field the offending input field, when the problem is about one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, Integer status, String detail, String code, String field)
        implements Serializable {

    /** The problem to report when the server's answer is not a problem document. */
    public static Problem ofStatus(int status) {
        return new Problem(null, null, status, "server answered HTTP " + status, "HTTP_" + status, null);
    }

    /**
     * The same problem with every missing member the CLI prints filled from the HTTP status: {@code detail}
     * falls back to {@code title}, then to the status; {@code code} falls back to {@code HTTP_<status>}.
     */
    public Problem completedWith(int httpStatus) {
        Problem fallback = ofStatus(httpStatus);
        String shownDetail = isBlank(detail) ? (isBlank(title) ? fallback.detail() : title) : detail;
        String shownCode = isBlank(code) ? fallback.code() : code;
        Integer shownStatus = status != null ? status : Integer.valueOf(httpStatus);
        return new Problem(type, title, shownStatus, shownDetail, shownCode, field);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
