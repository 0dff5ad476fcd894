package dev.cloudops.analysis.polaris;

import java.util.List;
import java.util.Map;

/**
 * Where the checks say what they found: a failure (a finding) or a pass. Passes are not findings; they tell a
 * caller that a check applied to an object, which the agreement test with Polaris's fixtures needs.
 */
interface Verdicts {

    void pass(PolarisCheck check, Map<String, Object> object);

    void fail(
            PolarisCheck check,
            Map<String, Object> object,
            String container,
            String message,
            List<Map<String, Object>> patch);

    default void fail(PolarisCheck check, Map<String, Object> object, String container) {
        fail(check, object, container, check.message(), List.of());
    }

    default void fail(
            PolarisCheck check, Map<String, Object> object, String container, List<Map<String, Object>> patch) {
        fail(check, object, container, check.message(), patch);
    }

    /** Something a check could not look at, for people. */
    default void note(String text) {}
}
