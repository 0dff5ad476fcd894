package dev.cloudops.container.exec;

import dev.cloudops.cluster.ClusterService;
import dev.cloudops.kube.ContainerRef;
import dev.cloudops.kube.KubeNames;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import dev.cloudops.platform.security.Role;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.stereotype.Service;

/**
 * The command policy: which commands a caller may run in which containers, and who may open terminals. A command
 * is allowed when an allow rule matches it and no deny rule does; the first matching deny rule is named in the
 * refusal. Rules are read from the database on every decision, so every replica applies a change at once.
 */
@Service
public class ExecPolicy {

    /** The outcome of a decision: the rule that decided, or none when no allow rule matched. */
    public record Decision(boolean allowed, ExecRule rule) {

        /** Why a command was refused, for the problem detail and the history. */
        public String reason() {
            return rule == null ? "no rule allows it" : "denied by " + rule.describe();
        }
    }

    /** A rule as an administrator submits it. */
    public record RuleRequest(
            ExecRule.Effect effect,
            ExecRule.Scope scope,
            Role role,
            Long clusterId,
            String namespace,
            String argv0,
            String pattern,
            String description) {}

    private static final int MAX_PATTERN = 1024;

    private final ExecRuleStore store;
    private final AccessPolicy access;
    private final ClusterService clusters;
    private final Clock clock;

    ExecPolicy(ExecRuleStore store, AccessPolicy access, ClusterService clusters, Clock clock) {
        this.store = store;
        this.access = access;
        this.clusters = clusters;
        this.clock = clock;
    }

    /** Decides whether the caller may run {@code argv} (or, for a terminal, open the shell {@code argv}). */
    public Decision decide(ContainerRef target, ExecRule.Scope scope, List<String> argv) {
        CurrentUser user = access.current();
        Optional<Role> role = user.roleIn(target.clusterId(), target.namespace());
        String line = String.join(" ", argv);
        ExecRule allowedBy = null;
        for (ExecRule rule : store.all()) {
            if (rule.scope() == scope && applies(rule, target, role) && matches(rule, argv.get(0), line)) {
                if (rule.effect() == ExecRule.Effect.DENY) {
                    return new Decision(false, rule);
                }
                if (allowedBy == null) {
                    allowedBy = rule;
                }
            }
        }
        return new Decision(allowedBy != null, allowedBy);
    }

    public List<ExecRule> rules() {
        access.requirePlatformAdmin();
        return store.all();
    }

    public ExecRule add(RuleRequest r) {
        access.requirePlatformAdmin();
        if (r.effect() == null) {
            throw ApiException.badRequest("invalid-rule", "effect must be ALLOW or DENY", "effect");
        }
        if (r.scope() == null) {
            throw ApiException.badRequest("invalid-rule", "scope must be COMMAND or TERMINAL", "scope");
        }
        if (r.clusterId() != null) {
            clusters.get(r.clusterId());
        }
        if (r.namespace() != null && !KubeNames.isDnsLabel(r.namespace())) {
            throw ApiException.badRequest(
                    "invalid-namespace", "'" + r.namespace() + "' is not a valid namespace name", "namespace");
        }
        String argv0 = blankToNull(r.argv0());
        String pattern = blankToNull(r.pattern());
        if (argv0 == null && pattern == null) {
            throw ApiException.badRequest(
                    "invalid-rule", "give argv0 (a glob on the program) or pattern (a regex on the command)", "argv0");
        }
        if (argv0 != null && (argv0.length() > 255 || argv0.chars().anyMatch(Character::isWhitespace))) {
            throw ApiException.badRequest(
                    "invalid-rule", "argv0 is one program glob without spaces, at most 255 characters", "argv0");
        }
        if (pattern != null) {
            if (pattern.length() > MAX_PATTERN) {
                throw ApiException.badRequest(
                        "invalid-rule", "pattern is longer than " + MAX_PATTERN + " characters", "pattern");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest(
                        "invalid-regex", "pattern is not a valid regular expression: " + e.getDescription(), "pattern");
            }
        }
        String description = blankToNull(r.description());
        if (description != null && description.length() > 255) {
            throw ApiException.badRequest("invalid-rule", "description is longer than 255 characters", "description");
        }
        ExecRule rule = new ExecRule(
                0,
                r.effect(),
                r.scope(),
                r.role(),
                r.clusterId(),
                r.namespace(),
                argv0,
                pattern,
                description,
                access.current().username(),
                clock.instant());
        long id = store.insert(rule);
        return new ExecRule(
                id,
                rule.effect(),
                rule.scope(),
                rule.role(),
                rule.clusterId(),
                rule.namespace(),
                rule.argv0(),
                rule.pattern(),
                rule.description(),
                rule.createdBy(),
                rule.createdAt());
    }

    public void remove(long id) {
        access.requirePlatformAdmin();
        if (!store.delete(id)) {
            throw ApiException.notFound("rule-not-found", "No exec rule " + id);
        }
    }

    private static boolean applies(ExecRule rule, ContainerRef target, Optional<Role> role) {
        return (rule.role() == null || role.isPresent() && role.get() == rule.role())
                && (rule.clusterId() == null || rule.clusterId() == target.clusterId())
                && (rule.namespace() == null || rule.namespace().equals(target.namespace()));
    }

    private static boolean matches(ExecRule rule, String program, String line) {
        if (rule.argv0() != null) {
            Pattern glob = glob(rule.argv0());
            String name = program.substring(program.lastIndexOf('/') + 1);
            if (!glob.matcher(program).matches() && !glob.matcher(name).matches()) {
                return false;
            }
        }
        return rule.pattern() == null
                || Pattern.compile(rule.pattern()).matcher(line).find();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
