package dev.cloudops.analysis.polaris;

import java.util.List;
import java.util.Map;

/** Kubernetes label selectors ({@code matchLabels} and {@code matchExpressions}) over a pod's labels. */
final class Selectors {

    private Selectors() {}

    /** True when the selector selects the labels; an empty selector selects everything, a null one nothing. */
    static boolean matches(Object selector, Map<String, Object> labels) {
        if (!(selector instanceof Map<?, ?>)) {
            return false;
        }
        Map<String, Object> s = Json.map(selector);
        for (Map.Entry<String, Object> e : Json.map(s, "matchLabels").entrySet()) {
            Object actual = labels.get(e.getKey());
            if (actual == null || !actual.toString().equals(String.valueOf(e.getValue()))) {
                return false;
            }
        }
        for (Object item : Json.list(s, "matchExpressions")) {
            if (!expression(Json.map(item), labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean expression(Map<String, Object> expression, Map<String, Object> labels) {
        String key = Json.text(expression, "key");
        Object actual = key == null ? null : labels.get(key);
        List<Object> values = Json.list(expression, "values");
        String operator = Json.text(expression, "operator");
        if (operator == null) {
            return false;
        }
        return switch (operator) {
            case "In" -> actual != null && values.contains(actual.toString());
            case "NotIn" -> actual == null || !values.contains(actual.toString());
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            default -> false;
        };
    }
}
