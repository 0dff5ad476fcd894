package dev.cloudops.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request policy for one cluster, applied to every request its client sends: the client-side rate limit, and
 * the cluster's namespace restriction (a request addressed to a namespace outside it never leaves the
 * platform). Requests across all namespaces are let through and their results filtered by
 * {@link ClusterConnection#visible}.
 */
final class NamespaceGuard implements Interceptor {

    private static final Pattern NAMESPACED_PATH = Pattern.compile("/namespaces/([^/?]+)(/|$)");
    private static final Pattern NAMESPACE_OBJECT = Pattern.compile("/api/v1/namespaces/([^/?]+)$");

    private final Set<String> allowed;
    private final RateLimiter limiter;

    NamespaceGuard(Set<String> allowed, RateLimiter limiter) {
        this.allowed = Set.copyOf(allowed);
        this.limiter = limiter;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        RateLimiter.waitForPermission(limiter);
        if (allowed.isEmpty()) {
            return;
        }
        String path = request.uri().getRawPath();
        String namespace = namespaceOf(path);
        if (namespace != null && !allowed.contains(namespace)) {
            throw new RestrictedNamespaceException(namespace);
        }
    }

    static String namespaceOf(String path) {
        Matcher object = NAMESPACE_OBJECT.matcher(path);
        if (object.find()) {
            return object.group(1);
        }
        Matcher m = NAMESPACED_PATH.matcher(path);
        return m.find() ? m.group(1) : null;
    }
}

/** A request addressed a namespace outside the cluster's restriction. */
final class RestrictedNamespaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String namespace;

    RestrictedNamespaceException(String namespace) {
        super("Namespace " + namespace + " is outside this cluster's namespace restriction");
        this.namespace = namespace;
    }
}
