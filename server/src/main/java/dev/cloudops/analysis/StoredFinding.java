package dev.cloudops.analysis;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A finding of a stored scan, in the scan's order (worst first when listed). */
@Schema(description = "One finding of a scan")
public record StoredFinding(
        long scanId,
        int seq,
        @Schema(example = "podCrashLoopBackOff") String checkId,
        Category category,
        Severity severity,
        Subject subject,
        @Schema(example = "app") String container,
        String message,
        String fix,

        @Schema(description = "RFC 6902 operations that fix it, where that is safe; empty otherwise")
        List<Map<String, Object>> patch) {}
