package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The problems a cloud call can end in, the same for every provider. The names map one to one:
 * CLOUD_AUTH_FAILED is {@code cloud-auth-failed}, CLOUD_NOT_FOUND {@code cloud-not-found}, CLOUD_QUOTA_EXCEEDED
 * {@code cloud-quota-exceeded}, and so on.
 */
public final class CloudProblems {

    private CloudProblems() {}

    /** The cloud refused the account's credentials (unknown key, bad signature, expired token, role not assumable). */
    public static ApiException authFailed(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cloud-auth-failed", detail, "credentials");
    }

    /** The credentials are valid but lack a permission (IAM/RAM/CAM policy). */
    public static ApiException accessDenied(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "cloud-access-denied", detail);
    }

    /** The cloud has no such cluster, node group or access entry. */
    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "cloud-not-found", detail);
    }

    /** An account quota or service limit would be exceeded. */
    public static ApiException quotaExceeded(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cloud-quota-exceeded", detail);
    }

    /** The cloud kept throttling after the retries with back-off. */
    public static ApiException throttled(String detail) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "cloud-throttled", detail);
    }

    /** The resource is busy or exists already (an update in progress, a name taken). */
    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "cloud-conflict", detail);
    }

    /** The cloud rejected the request's parameters. */
    public static ApiException invalidRequest(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cloud-invalid-request", detail);
    }

    /** The cloud could not be reached or failed (timeouts, 5xx). */
    public static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "cloud-unavailable", detail);
    }
}
