package dev.cloudops.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.regex.Pattern;

/**
 * One include or exclude rule: an object matches when it matches every part the rule sets. {@code kind} is any
 * name kubectl accepts ({@code secrets}, {@code deploy}, {@code deployments.apps}); {@code namespace} and
 * {@code name} are globs ({@code *} any characters, {@code ?} one).
 */
@Schema(description = "An include or exclude rule; unset parts match everything")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectRule(
        @Schema(example = "secrets") String kind,
        @Schema(example = "shop") String namespace,
        @Schema(example = "tls-*") String name) {

    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9.*?_-]{1,253}");

    /** Fails with 400 {@code invalid-rule} when a part is empty or holds characters no Kubernetes name has. */
    void check(String field) {
        if (kind == null && namespace == null && name == null) {
            throw BackupProblems.invalid("invalid-rule", field, "a rule sets at least one of kind, namespace, name");
        }
        for (String part : new String[] {kind, namespace, name}) {
            if (part != null && !GLOB.matcher(part).matches()) {
                throw BackupProblems.invalid(
                        "invalid-rule", field, "'" + part + "' is not a kind, a name or a glob of one");
            }
        }
    }

    boolean matches(ObjectRef object) {
        return (kind == null || object.type().answersTo(kind))
                && (namespace == null || glob(namespace, object.namespace() == null ? "" : object.namespace()))
                && (name == null || glob(name, object.name()));
    }

    static boolean glob(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return text.matches(regex.toString());
    }
}
