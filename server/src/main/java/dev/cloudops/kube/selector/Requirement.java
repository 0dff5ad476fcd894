package dev.cloudops.kube.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * One requirement of a label selector, as apimachinery's {@code labels.Requirement}: a key, an operator and a
 * sorted set of values. Build it with {@link #create}, which validates like {@code labels.NewRequirement}.
 */
record Requirement(String key, Operator operator, List<String> values) {

    /**
     * Validates and builds a requirement; {@code values} are checked in the order given, then kept sorted and
     * without duplicates (they are a set).
     *
     * @throws InvalidSelectorException with every problem found, aggregated as apimachinery does
     */
    static Requirement create(String key, Operator operator, List<String> values) {
        List<String> errors = new ArrayList<>();
        String offending = null;
        List<String> keyErrors = LabelValidation.keyErrors(key);
        if (!keyErrors.isEmpty()) {
            errors.add(LabelValidation.invalid("key", LabelValidation.quote(key), String.join("; ", keyErrors)));
            offending = key;
        }
        String countError = countError(operator, values.size());
        if (countError != null) {
            errors.add(LabelValidation.invalid("values", LabelValidation.quoteList(values), countError));
        }
        boolean numeric = operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN;
        for (int i = 0; numeric && i < values.size(); i++) {
            String value = values.get(i);
            if (LabelValidation.parseInt64(value).isEmpty()) {
                errors.add(LabelValidation.invalid(
                        "values[" + i + "]",
                        LabelValidation.quote(value),
                        "for 'Gt', 'Lt' operators, the value must be an integer"));
                offending = offending == null ? value : offending;
            }
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            List<String> valueErrors = LabelValidation.valueErrors(value);
            if (!valueErrors.isEmpty()) {
                errors.add(LabelValidation.invalid(
                        "values[" + i + "][" + key + "]",
                        LabelValidation.quote(value),
                        String.join("; ", valueErrors)));
                offending = offending == null ? value : offending;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSelectorException(LabelValidation.aggregate(errors), -1, offending);
        }
        return new Requirement(key, operator, List.copyOf(new TreeSet<>(values)));
    }

    private static String countError(Operator operator, int count) {
        return switch (operator) {
            case IN, NOT_IN -> count == 0 ? "for 'in', 'notin' operators, values set can't be empty" : null;
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS ->
                count == 1 ? null : "exact-match compatibility requires one single value";
            case EXISTS, DOES_NOT_EXIST -> count == 0 ? null : "values set must be empty for exists and does not exist";
            case GREATER_THAN, LESS_THAN ->
                count == 1 ? null : "for 'Gt', 'Lt' operators, exactly one value is required";
        };
    }

    /**
     * Whether the labels satisfy this requirement. {@code !=} and {@code notin} are satisfied by objects without
     * the key; {@code >} and {@code <} need the key with an integer value.
     */
    boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> actual != null && values.contains(actual);
            case NOT_IN, NOT_EQUALS -> actual == null || !values.contains(actual);
            case EXISTS -> actual != null;
            case DOES_NOT_EXIST -> actual == null;
            case GREATER_THAN, LESS_THAN -> actual != null && compares(actual);
        };
    }

    private boolean compares(String actual) {
        OptionalLong have = LabelValidation.parseInt64(actual);
        OptionalLong bound = LabelValidation.parseInt64(values.get(0));
        if (have.isEmpty() || bound.isEmpty()) {
            return false;
        }
        return operator == Operator.GREATER_THAN
                ? have.getAsLong() > bound.getAsLong()
                : have.getAsLong() < bound.getAsLong();
    }

    /** The requirement as apimachinery's {@code Requirement.String()} writes it. */
    @Override
    public String toString() {
        String joined = String.join(",", values);
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case EQUALS -> key + "=" + joined;
            case DOUBLE_EQUALS -> key + "==" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
        };
    }
}
