package dev.cloudops.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where an analyzer puts what it found, and notes on what it could not look at (metrics absent …). */
public final class Findings {

    private final List<Finding> found = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Reports a problem of {@code check} on {@code object} at the check's own severity, without a patch. */
    public void report(CheckInfo check, Map<String, ?> object, String container, String message, String fix) {
        report(check, check.severity(), object, container, message, fix, List.of());
    }

    public void report(
            CheckInfo check,
            Severity severity,
            Map<String, ?> object,
            String container,
            String message,
            String fix,
            List<Map<String, Object>> patch) {
        add(new Finding(check.id(), check.category(), severity, Subject.of(object), container, message, fix, patch));
    }

    public void add(Finding finding) {
        found.add(finding);
    }

    /** Something the analysis could not do, for people: "metrics.k8s.io is not served: usage checks skipped". */
    public void note(String note) {
        notes.add(note);
    }

    public List<Finding> list() {
        return List.copyOf(found);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
