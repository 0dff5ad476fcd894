package dev.cloudops.kube.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable Kubernetes label selector with the meaning kubectl and kube-apiserver give it
 * ({@code k8s.io/apimachinery/pkg/labels}).
 *
 * <p>A selector is a conjunction of requirements, written comma-separated:
 *
 * <ul>
 *   <li>{@code key=value}, {@code key==value}: the key is present with that value;
 *   <li>{@code key!=value}: the key is absent, or present with another value;
 *   <li>{@code key in (v1,v2)}: the key is present with one of the values;
 *   <li>{@code key notin (v1,v2)}: the key is absent, or present with none of the values;
 *   <li>{@code key}, {@code !key}: the key is present, absent;
 *   <li>{@code key>N}, {@code key<N}: the key is present with an integer value greater, less than N.
 * </ul>
 *
 * <p>Keys are qualified names ({@code [prefix/]name}: a DNS subdomain of at most 253 bytes, a name of at most 63
 * alphanumerics, '-', '_' or '.' that starts and ends alphanumeric); values are label values (the same, or empty).
 * As in apimachinery an empty entry in a value set is the empty value: {@code a in ()} is {@code a in ("")} and
 * {@code a in (x,)} is {@code a in ("", x)}.
 */
public final class LabelSelector {

    private static final Comparator<Requirement> CANONICAL_ORDER =
            Comparator.comparing(Requirement::key).thenComparing(Requirement::toString);

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(CANONICAL_ORDER);
        this.requirements = List.copyOf(sorted);
    }

    /** The selector that matches every set of labels (the empty selector). */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses a selector in kubectl's {@code -l} / the API's {@code labelSelector} syntax. {@code null}, the empty
     * string and a string of blanks (space, tab, CR, LF) select everything.
     *
     * @throws InvalidSelectorException when kube-apiserver would reject the selector
     */
    public static LabelSelector parse(String selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        List<Requirement> parsed = LabelSelectorParser.parse(selector);
        return parsed.isEmpty() ? EVERYTHING : new LabelSelector(parsed);
    }

    /**
     * Builds a selector from the parts of a structured {@code metav1.LabelSelector}, as {@code
     * metav1.LabelSelectorAsSelector} does: every {@code matchLabels} entry is {@code key=value}, every expression
     * uses {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}. {@code In} and {@code NotIn} need at
     * least one value, {@code Exists} and {@code DoesNotExist} none. Both parts empty or {@code null} select
     * everything.
     *
     * <p>Note that in Kubernetes a <em>null</em> {@code LabelSelector} (as opposed to an empty one) selects
     * nothing; callers must handle that case before calling this method.
     *
     * @throws InvalidSelectorException for an unknown operator, an invalid key or value, or a wrong number of
     *     values
     */
    public static LabelSelector fromMatch(Map<String, String> matchLabels, List<SelectorRequirement> matchExpressions) {
        List<Requirement> built = new ArrayList<>();
        if (matchLabels != null) {
            new TreeMap<>(matchLabels).forEach((key, value) -> {
                Objects.requireNonNull(value, () -> "matchLabels value of " + key + " must not be null");
                built.add(Requirement.create(key, Operator.EQUALS, List.of(value)));
            });
        }
        if (matchExpressions != null) {
            for (SelectorRequirement expression : matchExpressions) {
                built.add(Requirement.create(expression.key(), operator(expression), expression.values()));
            }
        }
        return built.isEmpty() ? EVERYTHING : new LabelSelector(built);
    }

    private static Operator operator(SelectorRequirement expression) {
        return switch (expression.operator()) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default ->
                throw new InvalidSelectorException(
                        LabelValidation.quote(expression.operator()) + " is not a valid label selector operator",
                        -1,
                        expression.operator());
        };
    }

    /**
     * Whether a set of labels satisfies every requirement. {@code null} stands for no labels; a key mapped to
     * {@code null} counts as absent.
     */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        for (Requirement requirement : requirements) {
            if (!requirement.matches(present)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selector matches everything. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /**
     * The selector in apimachinery's written form, requirements sorted by key, values sorted and deduplicated: for
     * example {@code app in (api,web),!canary,tier!=db}. Parsing it yields an equal selector; selectors that differ
     * only in requirement order, blanks or value order print alike. The empty selector prints as "".
     */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    /** Selectors are equal when they print alike. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector selector && requirements.equals(selector.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
