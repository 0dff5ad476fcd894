package dev.cloudops.analysis;

import io.swagger.v3.oas.annotations.media.Schema;

/** A check as the API lists it: which analyzer reports it, its category, default severity and what it is about. */
@Schema(description = "One check an analyzer may report")
public record CheckListing(
        @Schema(example = "podCrashLoopBackOff") String id,
        @Schema(example = "health") String analyzer,
        Category category,
        Severity severity,
        @Schema(example = "Container in CrashLoopBackOff") String title,
        String description) {

    static CheckListing of(String analyzer, CheckInfo check) {
        return new CheckListing(
                check.id(), analyzer, check.category(), check.severity(), check.title(), check.description());
    }
}
