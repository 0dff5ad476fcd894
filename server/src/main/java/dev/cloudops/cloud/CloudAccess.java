package dev.cloudops.cloud;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Role;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who may use a cloud account. Platform administrators may do anything; other users only what a grant on that
 * account gives them: {@code VIEWER} reads (clusters, node groups, metrics, access entries, jobs), {@code
 * OPERATOR} also syncs, scales node groups and renews credentials, {@code ADMIN} also creates, imports, upgrades
 * and deletes. An account the caller holds no grant on does not exist for them ({@code 404
 * cloud-account-not-found}), as clusters do in the registry.
 */
@Component
class CloudAccess {

    private final AccessPolicy access;
    private final CloudAccountStore accounts;

    CloudAccess(AccessPolicy access, CloudAccountStore accounts) {
        this.access = access;
        this.accounts = accounts;
    }

    /** Requires {@code needed} on the account; answers the caller's user name for the records. */
    String require(long accountId, Role needed) {
        CurrentUser user = access.current();
        if (user.isPlatformAdmin()) {
            return user.username();
        }
        Role role = accounts.roleOf(accountId, user.id()).orElseThrow(() -> notFound(accountId));
        if (!role.covers(needed)) {
            throw ApiException.forbidden(
                    "forbidden",
                    "User " + user.username() + " holds " + role + " on cloud account " + accountId + "; this needs "
                            + needed.name().toUpperCase(Locale.ROOT));
        }
        return user.username();
    }

    void requirePlatformAdmin() {
        access.requirePlatformAdmin();
    }

    String username() {
        return access.current().username();
    }

    /** The accounts the caller may see; null for every account. */
    Set<Long> visibleAccounts() {
        CurrentUser user = access.current();
        return user.isPlatformAdmin() ? null : accounts.accountsOf(user.id());
    }

    static ApiException notFound(long accountId) {
        return ApiException.notFound("cloud-account-not-found", "No cloud account " + accountId);
    }
}
