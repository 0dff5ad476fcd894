package dev.cloudops.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one run of the engine found.
 *
 * @param objectsExamined distinct objects the analyzers read
 * @param bySeverity how many findings of each severity (every severity listed)
 * @param byCategory how many findings in each category (every category listed)
 * @param scores 0–100 per category: 100 less the share of examined objects with a problem in that category,
 *     weighted by the worst severity each object has there
 * @param notes what could not be looked at, for people
 */
public record AnalysisResult(
        String source,
        Instant startedAt,
        long tookMillis,
        List<String> analyzers,
        int objectsExamined,
        Map<Severity, Integer> bySeverity,
        Map<Category, Integer> byCategory,
        Map<Category, Integer> scores,
        List<Finding> findings,
        List<String> notes) {

    public AnalysisResult {
        analyzers = List.copyOf(analyzers);
        bySeverity = Map.copyOf(bySeverity);
        byCategory = Map.copyOf(byCategory);
        scores = Map.copyOf(scores);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
