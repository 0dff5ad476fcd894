package dev.cloudops.container.exec;

import dev.cloudops.platform.security.Role;
import java.time.Instant;

/**
 * One allow or deny rule of the command policy.
 *
 * @param role the caller's role in the target namespace this rule applies to; null for every role
 * @param clusterId null for every cluster
 * @param namespace null for every namespace
 * @param argv0 a glob ({@code *}, {@code ?}) on the program, matched against its path and its file name; null
 *     matches any program
 * @param pattern a regular expression searched in the whole command line (arguments joined by single spaces);
 *     null matches any
 */
public record ExecRule(
        long id,
        Effect effect,
        Scope scope,
        Role role,
        Long clusterId,
        String namespace,
        String argv0,
        String pattern,
        String description,
        String createdBy,
        Instant createdAt) {

    /** Whether a matching rule lets the command run. Deny rules win over allow rules. */
    public enum Effect {
        ALLOW,
        DENY
    }

    /** What the rule governs: one-shot commands, or opening terminals (argv0 then matches the shell). */
    public enum Scope {
        COMMAND,
        TERMINAL
    }

    /** How the rule reads in a problem detail or the audit trail. */
    public String describe() {
        StringBuilder s = new StringBuilder("rule ")
                .append(id)
                .append(" (")
                .append(effect.name().toLowerCase(java.util.Locale.ROOT))
                .append(' ')
                .append(scope.name().toLowerCase(java.util.Locale.ROOT));
        if (argv0 != null) {
            s.append(" argv0 '").append(argv0).append('\'');
        }
        if (pattern != null) {
            s.append(" pattern '").append(pattern).append('\'');
        }
        s.append(" for ").append(role == null ? "any role" : role.name().toLowerCase(java.util.Locale.ROOT));
        if (clusterId != null) {
            s.append(" in cluster ").append(clusterId);
        }
        if (namespace != null) {
            s.append(" namespace ").append(namespace);
        }
        if (description != null && !description.isBlank()) {
            s.append(": ").append(description);
        }
        return s.append(')').toString();
    }
}
