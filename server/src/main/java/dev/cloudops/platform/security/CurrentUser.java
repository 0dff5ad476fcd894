package dev.cloudops.platform.security;

import java.util.List;

/** The authenticated caller: who they are and what they were granted. */
public record CurrentUser(long id, String username, List<Grant> grants) {

    public CurrentUser {
        grants = List.copyOf(grants);
    }

    /** A platform administrator holds the admin role on every cluster. */
    public boolean isPlatformAdmin() {
        return grants.stream().anyMatch(g -> g.role() == Role.ADMIN && g.clusterId() == null && g.namespace() == null);
    }
}
