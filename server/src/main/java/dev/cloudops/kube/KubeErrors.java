package dev.cloudops.kube;

import dev.cloudops.platform.error.ApiException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.springframework.http.HttpStatus;

/**
 * The one translation of Kubernetes failures: NotFound, Conflict, Forbidden, Invalid and Unavailable, each
 * an {@link ApiException} with its own code, carrying the API server's own message.
 */
final class KubeErrors {

    private KubeErrors() {}

    static ApiException translate(String clusterName, RuntimeException e) {
        if (e instanceof ApiException api) {
            return api;
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RestrictedNamespaceException restricted) {
                return ApiException.forbidden("namespace-restricted", restricted.getMessage() + " on " + clusterName);
            }
            if (c instanceof RequestNotPermitted) {
                return new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "kube-rate-limited",
                        "Too many requests to cluster " + clusterName + "; try again shortly");
            }
        }
        if (e instanceof KubernetesClientException k) {
            String message = message(k);
            return switch (k.getCode()) {
                case 404 -> ApiException.notFound("kube-not-found", message);
                case 409 -> ApiException.conflict("kube-conflict", message, null);
                case 401, 403 ->
                    ApiException.forbidden(
                            "kube-forbidden",
                            "Cluster " + clusterName + " refused the platform's credentials: " + message);
                case 400, 422 -> ApiException.unprocessable("kube-invalid", message, field(k.getStatus()));
                case 415 -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "kube-unsupported", message);
                case 429 -> new ApiException(HttpStatus.TOO_MANY_REQUESTS, "kube-rate-limited", message);
                default -> unavailable(clusterName, k);
            };
        }
        return unavailable(clusterName, e);
    }

    static ApiException unavailable(String clusterName, Throwable e) {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "kube-unavailable",
                "Cluster " + clusterName + " is unavailable: " + rootMessage(e));
    }

    private static String message(KubernetesClientException k) {
        Status status = k.getStatus();
        if (status != null
                && status.getMessage() != null
                && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return rootMessage(k);
    }

    private static String field(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return null;
        }
        return status.getDetails().getCauses().stream()
                .map(c -> c.getField())
                .filter(f -> f != null && !f.isBlank())
                .findFirst()
                .orElse(null);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
