package dev.cloudops.platform.security;

import dev.cloudops.platform.error.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The one place that decides whether the caller may act on a cluster and namespace. REST controllers,
 * WebSocket handshakes and MCP tools all ask it; nothing checks roles by hand.
 */
@Service
public class AccessPolicy {

    /** The caller of the current request; fails with 401 when there is none. */
    public CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        throw new ApiException(
                org.springframework.http.HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required");
    }

    /**
     * Requires {@code action} on {@code namespace} of cluster {@code clusterId}; a null namespace means the
     * cluster as a whole (cluster-scoped objects or every namespace).
     */
    public void require(Action action, long clusterId, String namespace) {
        CurrentUser user = current();
        boolean allowed = user.grants().stream().anyMatch(g -> g.allows(action, clusterId, namespace));
        if (!allowed) {
            String where =
                    namespace == null ? "cluster " + clusterId : "namespace " + namespace + " of cluster " + clusterId;
            throw ApiException.forbidden(
                    "forbidden",
                    "User " + user.username() + " may not " + action.name().toLowerCase(java.util.Locale.ROOT) + " in "
                            + where);
        }
    }

    public void requirePlatformAdmin() {
        CurrentUser user = current();
        if (!user.isPlatformAdmin()) {
            throw ApiException.forbidden("forbidden", "User " + user.username() + " is not a platform administrator");
        }
    }

    /**
     * Runs {@code work} on this thread as {@code user}: for background jobs that act for the user who set them up,
     * with that user's grants as they are now. Whatever identity the thread had is put back afterwards.
     */
    public <T> T runAs(CurrentUser user, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** True when the caller holds any grant on the cluster. */
    public boolean canSee(long clusterId) {
        return current().grants().stream().anyMatch(g -> g.coversCluster(clusterId));
    }

    /**
     * The namespaces of a cluster the caller may read: empty means every namespace; otherwise exactly the
     * granted ones (possibly none).
     */
    public Optional<Set<String>> readableNamespaces(long clusterId) {
        Set<String> namespaces = new TreeSet<>();
        for (Grant grant : current().grants()) {
            if (!grant.coversCluster(clusterId) || !grant.role().covers(Action.READ.minimum())) {
                continue;
            }
            if (grant.namespace() == null) {
                return Optional.empty();
            }
            namespaces.add(grant.namespace());
        }
        return Optional.of(namespaces);
    }
}
