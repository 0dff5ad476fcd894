package dev.cloudops.analysis.polaris;

/** The int-or-percent values of PodDisruptionBudgets ({@code 2}, {@code "50%"}). */
final class IntOrPercent {

    private IntOrPercent() {}

    /** The number of pods the value stands for out of {@code total}; a percentage is rounded up, as Kubernetes does. */
    static long scaled(Object value, long total) {
        String text = value.toString().trim();
        if (text.endsWith("%")) {
            long percent = parse(text.substring(0, text.length() - 1));
            return (percent * total + 99) / 100;
        }
        return parse(text);
    }

    /** True when the value is zero, as a number or a percentage. */
    static boolean zero(Object value) {
        String text = value.toString().trim();
        return "0".equals(text) || "0%".equals(text);
    }

    /** True when the value is 100% (or more) as a percentage. */
    static boolean wholePercent(Object value) {
        String text = value.toString().trim();
        return text.endsWith("%") && parse(text.substring(0, text.length() - 1)) >= 100;
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
