package dev.cloudops.kube.selector;

import java.util.List;
import java.util.Objects;

/**
 * One {@code matchExpressions} entry of a {@code metav1.LabelSelector}, in plain Java types.
 *
 * @param key the label key
 * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}, spelt as in the API
 * @param values the values; {@code null} stands for none
 */
public record SelectorRequirement(String key, String operator, List<String> values) {

    /** Copies the values, so the record stays immutable. */
    public SelectorRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
