package dev.cloudops.kube.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable Kubernetes field selector with the meaning kube-apiserver gives it
 * ({@code k8s.io/apimachinery/pkg/fields}): comma-separated terms {@code field=value}, {@code field==value} or
 * {@code field!=value}, all of which must hold.
 *
 * <p>Field names are not checked here: which fields a resource supports is the caller's decision, made with
 * {@link #fields()}. Nothing is trimmed ({@code "a = b"} compares field {@code "a "} with {@code " b"}), as in
 * apimachinery. In values, {@code \,} {@code \=} and {@code \\} stand for {@code , = \}; an unescaped {@code ,} or
 * {@code =} or any other escape is an error. A missing field compares as the empty string, so {@code
 * spec.nodeName=} selects unscheduled pods.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private record Term(String field, boolean negated, String value) {
        boolean matches(String actual) {
            return negated != value.equals(actual == null ? "" : actual);
        }

        @Override
        public String toString() {
            return field + (negated ? "!=" : "=") + escapeValue(value);
        }
    }

    /** A comma-separated piece of the input and the offset where it starts. */
    private record Part(String text, int offset) {}

    private FieldSelector(List<Term> terms) {
        List<Term> sorted = new ArrayList<>(terms);
        sorted.sort(Comparator.comparing(Term::toString));
        this.terms = List.copyOf(sorted);
    }

    /** The selector that matches every object. */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses a selector in the API's {@code fieldSelector} syntax. {@code null} and the empty string select
     * everything; empty terms ({@code a=b,,c=d}) are skipped.
     *
     * @throws InvalidSelectorException for a term without an operator or a value with an invalid escape; as in
     *     apimachinery, the terms are examined in sorted order and the first bad one is reported
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            return EVERYTHING;
        }
        List<Part> parts = splitTerms(selector);
        parts.sort(Comparator.comparing(Part::text));
        List<Term> terms = new ArrayList<>();
        for (Part part : parts) {
            if (!part.text().isEmpty()) {
                terms.add(parseTerm(selector, part));
            }
        }
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
    }

    /** Splits at commas that are not escaped; the escapes stay in the pieces. */
    private static List<Part> splitTerms(String selector) {
        List<Part> parts = new ArrayList<>();
        int start = 0;
        boolean escaped = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                parts.add(new Part(selector.substring(start, i), start));
                start = i + 1;
            }
        }
        parts.add(new Part(selector.substring(start), start));
        return parts;
    }

    /** The field is everything before the first operator; the operators are tried in the order != == =. */
    private static Term parseTerm(String selector, Part part) {
        String text = part.text();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("!=", i)) {
                return new Term(text.substring(0, i), true, unescape(text, i + 2, part.offset()));
            }
            if (text.startsWith("==", i)) {
                return new Term(text.substring(0, i), false, unescape(text, i + 2, part.offset()));
            }
            if (text.charAt(i) == '=') {
                return new Term(text.substring(0, i), false, unescape(text, i + 1, part.offset()));
            }
        }
        throw new InvalidSelectorException(
                "invalid selector: '" + selector + "'; can't understand '" + text + "'", part.offset(), text);
    }

    /** Undoes {@link #escapeValue} on {@code text} from {@code from}; offsets in errors are in the whole input. */
    private static String unescape(String text, int from, int offset) {
        StringBuilder value = new StringBuilder(text.length() - from);
        int i = from;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (c == '\\') {
                if (i + 1 == text.length()) {
                    throw new InvalidSelectorException(
                            "invalid field selector: invalid escape sequence: \\", offset + i, "\\");
                }
                int escaped = text.codePointAt(i + 1);
                if (escaped != '\\' && escaped != ',' && escaped != '=') {
                    String sequence = "\\" + Character.toString(escaped);
                    throw new InvalidSelectorException(
                            "invalid field selector: invalid escape sequence: " + sequence, offset + i, sequence);
                }
                value.appendCodePoint(escaped);
                i += 2;
            } else if (c == ',' || c == '=') {
                throw new InvalidSelectorException(
                        "invalid field selector: unescaped character in value: '" + (char) c + "'",
                        offset + i,
                        String.valueOf((char) c));
            } else {
                value.appendCodePoint(c);
                i += width;
            }
        }
        return value.toString();
    }

    /**
     * Escapes a literal value for use in a field selector ({@code \} {@code ,} {@code =} get a backslash), as
     * apimachinery's {@code fields.EscapeValue}.
     */
    public static String escapeValue(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == ',' || c == '=') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * Whether an object satisfies every term. {@code fieldValue} gives the object's value for a field name; a
     * {@code null} answer means the field is missing and compares as "".
     */
    public boolean matches(Function<String, String> fieldValue) {
        for (Term term : terms) {
            if (!term.matches(fieldValue.apply(term.field()))) {
                return false;
            }
        }
        return true;
    }

    /** The field names the terms use, sorted; the caller rejects those its resource does not support. */
    public Set<String> fields() {
        Set<String> fields = new TreeSet<>();
        terms.forEach(term -> fields.add(term.field()));
        return Collections.unmodifiableSet(fields);
    }

    /**
     * The value a term {@code field=value} requires of the field, for narrowing a lookup (for example to one
     * namespace); empty when no such term exists.
     */
    public Optional<String> requiredValue(String field) {
        return terms.stream()
                .filter(term -> !term.negated() && term.field().equals(field))
                .map(Term::value)
                .findFirst();
    }

    /** Whether this selector matches everything. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /**
     * The selector with terms sorted, {@code ==} written as {@code =} and values escaped, for example {@code
     * metadata.namespace=default,status.phase!=Running}. Parsing it yields an equal selector. The empty selector
     * prints as "".
     */
    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    /** Selectors are equal when they print alike. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSelector selector && terms.equals(selector.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }
}
