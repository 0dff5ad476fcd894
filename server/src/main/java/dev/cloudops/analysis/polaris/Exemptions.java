package dev.cloudops.analysis.polaris;

import java.util.List;
import java.util.Map;

/**
 * Annotations that take an object out of checks: Polaris's own ({@code polaris.fairwinds.com/exempt: "true"} for
 * every check, {@code polaris.fairwinds.com/<check>-exempt: "true"} for one) and ours,
 * {@code cloudops.dev/analysis-exempt}: {@code "true"} for every check, or a comma-separated list of check ids.
 */
final class Exemptions implements Verdicts {

    static final String POLARIS_PREFIX = "polaris.fairwinds.com/";
    static final String POLARIS_ALL = POLARIS_PREFIX + "exempt";
    static final String OURS = "cloudops.dev/analysis-exempt";

    private final Verdicts next;
    /** Failures come in runs on one object: whether it has any exemption annotation is looked up once a run. */
    private Map<String, Object> lastObject;

    private boolean lastAnnotated;

    Exemptions(Verdicts next) {
        this.next = next;
    }

    private boolean annotated(Map<String, Object> object) {
        if (object != lastObject) {
            lastObject = object;
            lastAnnotated = false;
            for (String key : Json.annotations(object).keySet()) {
                if (key.startsWith(POLARIS_PREFIX) || key.equals(OURS)) {
                    lastAnnotated = true;
                    break;
                }
            }
        }
        return lastAnnotated;
    }

    static boolean exempt(Map<String, Object> object, String checkId) {
        Map<String, Object> annotations = Json.annotations(object);
        if (annotations.isEmpty()) {
            return false;
        }
        if (isTrue(annotations.get(POLARIS_ALL)) || isTrue(annotations.get(POLARIS_PREFIX + checkId + "-exempt"))) {
            return true;
        }
        Object ours = annotations.get(OURS);
        if (ours == null) {
            return false;
        }
        String value = ours.toString().trim();
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        for (String id : value.split(",")) {
            if (id.trim().equals(checkId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTrue(Object value) {
        return value != null && "true".equalsIgnoreCase(value.toString().trim());
    }

    @Override
    public void pass(PolarisCheck check, Map<String, Object> object) {
        next.pass(check, object);
    }

    @Override
    public void fail(
            PolarisCheck check,
            Map<String, Object> object,
            String container,
            String message,
            List<Map<String, Object>> patch) {
        if (!annotated(object) || !exempt(object, check.id())) {
            next.fail(check, object, container, message, patch);
        }
    }

    @Override
    public void note(String text) {
        next.note(text);
    }
}
