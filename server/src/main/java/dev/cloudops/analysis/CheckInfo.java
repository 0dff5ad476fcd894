package dev.cloudops.analysis;

import java.util.Objects;

/**
 * One check an analyzer may report: a stable id (Polaris's name where the check is Polaris's, e.g.
 * {@code runAsRootAllowed}), its category, default severity, a title and what it looks for.
 */
public record CheckInfo(String id, Category category, Severity severity, String title, String description) {

    public CheckInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
    }
}
