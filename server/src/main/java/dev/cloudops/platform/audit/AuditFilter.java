package dev.cloudops.platform.audit;

import dev.cloudops.platform.web.RequestAttributes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Records every mutating API call (POST, PUT, PATCH, DELETE), successful or not, with the caller, the route,
 * the result and a redacted copy of at most the first 16 KiB of its body. It wraps the security chain, so
 * rejected calls (401, 403) are recorded too.
 */
class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int BODY_KEPT = 16 * 1024;

    private final AuditService audit;
    private final AuditRedactor redactor;
    private final Clock clock;

    AuditFilter(AuditService audit, tools.jackson.databind.json.JsonMapper json, Clock clock) {
        this.audit = audit;
        this.redactor = new AuditRedactor(json);
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MUTATING.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = clock.millis();
        var wrapped = new ContentCachingRequestWrapper(request, BODY_KEPT);
        try {
            chain.doFilter(wrapped, response);
        } finally {
            try {
                audit.record(event(wrapped, response.getStatus(), start));
            } catch (RuntimeException e) {
                log.error("Could not record audit event for {} {}", request.getMethod(), request.getRequestURI(), e);
            }
        }
    }

    private AuditEvent event(ContentCachingRequestWrapper request, int status, long start) {
        long now = clock.millis();
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Map<String, String> vars =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String action = request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI());
        String body = new String(request.getContentAsByteArray(), StandardCharsets.UTF_8);
        return new AuditEvent(
                null,
                java.time.Instant.ofEpochMilli(now),
                (String) request.getAttribute(RequestAttributes.CALLER),
                action,
                request.getMethod(),
                request.getRequestURI(),
                clusterId(pattern, vars),
                vars == null ? null : vars.get("namespace"),
                AuditEvent.resultOf(status),
                status,
                now - start,
                request.getRemoteAddr(),
                redactor.redact(body));
    }

    /** The cluster a call addressed: {clusterId} anywhere, {id} only on the cluster registry's own routes. */
    private static Long clusterId(String pattern, Map<String, String> vars) {
        if (vars == null) {
            return null;
        }
        String raw = vars.get("clusterId");
        if (raw == null && pattern != null && pattern.startsWith("/api/k8s/cluster/")) {
            raw = vars.get("id");
        }
        try {
            return raw == null ? null : Long.valueOf(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
