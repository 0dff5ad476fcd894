package dev.cloudops.analysis;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem a check found.
 *
 * @param container the container it is about, when it is about one
 * @param fix what to do about it, for people
 * @param patch an RFC 6902 JSON patch against the subject that fixes it, where that is safe; empty otherwise
 */
public record Finding(
        String checkId,
        Category category,
        Severity severity,
        Subject subject,
        String container,
        String message,
        String fix,
        List<Map<String, Object>> patch) {

    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        patch = patch == null || patch.isEmpty() ? List.of() : List.copyOf(patch);
    }
}
