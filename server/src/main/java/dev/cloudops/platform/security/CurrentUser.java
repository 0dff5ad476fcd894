package dev.cloudops.platform.security;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The authenticated caller: who they are and what they were granted. */
public record CurrentUser(long id, String username, List<Grant> grants) {

    public CurrentUser {
        grants = List.copyOf(grants);
    }

    /** A platform administrator holds the admin role on every cluster. */
    public boolean isPlatformAdmin() {
        return grants.stream().anyMatch(g -> g.role() == Role.ADMIN && g.clusterId() == null && g.namespace() == null);
    }

    /** The highest role the caller holds on {@code namespace} of a cluster (null namespace: the whole cluster). */
    public Optional<Role> roleIn(long clusterId, String namespace) {
        return grants.stream()
                .filter(g -> g.coversCluster(clusterId)
                        && (g.namespace() == null || g.namespace().equals(namespace)))
                .map(Grant::role)
                .max(Comparator.naturalOrder());
    }
}
