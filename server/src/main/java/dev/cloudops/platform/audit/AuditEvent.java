package dev.cloudops.platform.audit;

import java.time.Instant;

/**
 * One audit record: who did what to which target, with what result, how long it took, from where.
 *
 * @param result {@code success}, {@code denied} (401/403) or {@code failure}
 * @param detail the redacted request body or a short description; never a secret
 */
public record AuditEvent(
        Long id,
        Instant at,
        String username,
        String action,
        String method,
        String target,
        Long clusterId,
        String namespace,
        String result,
        int statusCode,
        long durationMs,
        String clientIp,
        String detail) {

    public static String resultOf(int status) {
        if (status == 401 || status == 403) {
            return "denied";
        }
        return status < 400 ? "success" : "failure";
    }
}
