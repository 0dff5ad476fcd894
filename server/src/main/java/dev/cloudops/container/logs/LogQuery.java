package dev.cloudops.container.logs;

import dev.cloudops.kube.LogOptions;
import dev.cloudops.platform.error.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The log parameters a user sends, checked once: every bad value is a 400 {@code invalid-parameter} naming its
 * field, before anything reaches a cluster.
 */
public record LogQuery(
        Integer tailLines,
        Integer sinceSeconds,
        Instant sinceTime,
        boolean timestamps,
        boolean previous,
        Integer limitBytes) {

    /** A million lines is far past what a kubelet keeps after log rotation; more is a mistake. */
    static final long MAX_TAIL_LINES = 1_000_000;
    /** One year: kubelets rotate logs long before. */
    static final long MAX_SINCE_SECONDS = 366L * 24 * 3600;
    /** 1 GiB, what fits the API server's int32 limit with room to spare. */
    static final long MAX_LIMIT_BYTES = 1L << 30;

    public static LogQuery of(
            Long tailLines,
            Long sinceSeconds,
            String sinceTime,
            boolean timestamps,
            boolean previous,
            Long limitBytes) {
        if (sinceSeconds != null && sinceTime != null && !sinceTime.isBlank()) {
            throw invalid("sinceTime", "give at most one of sinceSeconds and sinceTime");
        }
        return new LogQuery(
                bounded("tailLines", tailLines, 0, MAX_TAIL_LINES),
                bounded("sinceSeconds", sinceSeconds, 1, MAX_SINCE_SECONDS),
                time(sinceTime),
                timestamps,
                previous,
                bounded("limitBytes", limitBytes, 1, MAX_LIMIT_BYTES));
    }

    LogOptions options() {
        return new LogOptions(tailLines, sinceSeconds, sinceTime, timestamps, previous, limitBytes, false);
    }

    private static Integer bounded(String field, Long value, long min, long max) {
        if (value == null) {
            return null;
        }
        if (value < min || value > max) {
            throw invalid(field, field + " must be between " + min + " and " + max + ", not " + value);
        }
        return value.intValue();
    }

    private static Instant time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("sinceTime", "sinceTime must be an RFC 3339 time such as 2026-01-02T15:04:05Z");
        }
    }

    static ApiException invalid(String field, String detail) {
        return ApiException.badRequest("invalid-parameter", detail, field);
    }
}
