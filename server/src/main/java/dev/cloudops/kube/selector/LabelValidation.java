package dev.cloudops.kube.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * apimachinery's label key and value validation ({@code content.IsLabelKey}, {@code content.IsLabelValue}) and
 * the shape of its field errors. The checks are written by hand rather than as regular expressions so that their
 * cost stays linear in the input, whatever a caller sends.
 */
final class LabelValidation {

    static final int NAME_MAX_LENGTH = 63;
    static final int PREFIX_MAX_LENGTH = 253;
    static final int VALUE_MAX_LENGTH = 63;

    private static final String NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String NAME_MESSAGE =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
                    + " character";
    private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of alphanumeric"
            + " characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String DNS_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FORMAT = DNS_LABEL_FORMAT + "(\\." + DNS_LABEL_FORMAT + ")*";
    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private LabelValidation() {}

    /** The problems with a label key, empty when it is a valid qualified name. */
    static List<String> keyErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        if (parts.length > 2) {
            errors.add("a valid label key "
                    + regexError(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }
        String name = parts[parts.length - 1];
        if (parts.length == 2) {
            String prefix = parts[0];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else {
                if (utf8Length(prefix) > PREFIX_MAX_LENGTH) {
                    errors.add("prefix part " + maxLengthError(PREFIX_MAX_LENGTH));
                }
                if (!isDnsSubdomain(prefix)) {
                    errors.add("prefix part " + regexError(SUBDOMAIN_MESSAGE, SUBDOMAIN_FORMAT, "example.com"));
                }
            }
        }
        if (name.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (utf8Length(name) > NAME_MAX_LENGTH) {
            errors.add("name part " + maxLengthError(NAME_MAX_LENGTH));
        }
        if (!isName(name)) {
            errors.add("name part " + regexError(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc"));
        }
        return errors;
    }

    /** The problems with a label value, empty when it is valid; the empty string is a valid value. */
    static List<String> valueErrors(String value) {
        List<String> errors = new ArrayList<>();
        if (utf8Length(value) > VALUE_MAX_LENGTH) {
            errors.add(maxLengthError(VALUE_MAX_LENGTH));
        }
        if (!value.isEmpty() && !isName(value)) {
            errors.add(regexError(VALUE_MESSAGE, "(" + NAME_FORMAT + ")?", "MyValue", "my_value", "12345"));
        }
        return errors;
    }

    /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
    private static boolean isName(String s) {
        if (s.isEmpty() || !isAlphanumeric(s.charAt(0)) || !isAlphanumeric(s.charAt(s.length() - 1))) {
            return false;
        }
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Dot-separated labels of {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}; no length limit, as in the regex. */
    private static boolean isDnsSubdomain(String s) {
        for (String label : s.split("\\.", -1)) {
            if (label.isEmpty()
                    || !isLowerAlphanumeric(label.charAt(0))
                    || !isLowerAlphanumeric(label.charAt(label.length() - 1))) {
                return false;
            }
            for (int i = 1; i < label.length() - 1; i++) {
                char c = label.charAt(i);
                if (!isLowerAlphanumeric(c) && c != '-') {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || isLowerAlphanumeric(c);
    }

    private static boolean isLowerAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** Go measures strings in UTF-8 bytes; so do the length limits. */
    private static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static String maxLengthError(int length) {
        return "must be no more than " + length + " bytes";
    }

    private static String regexError(String message, String format, String... examples) {
        StringBuilder sb = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '")
                .append(format)
                .append("')")
                .toString();
    }

    /**
     * Go's {@code strconv.ParseInt(s, 10, 64)}: an optional sign and ASCII digits that fit a signed 64-bit integer.
     */
    static OptionalLong parseInt64(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return OptionalLong.empty();
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException outOfRange) {
            return OptionalLong.empty();
        }
    }

    /** A field error as {@code field.Invalid(path, value, detail).Error()} prints it. */
    static String invalid(String path, String printedValue, String detail) {
        return path + ": Invalid value: " + printedValue + ": " + detail;
    }

    /** Several errors as {@code utilerrors.NewAggregate(...).Error()} prints them: deduplicated, bracketed. */
    static String aggregate(List<String> errors) {
        Set<String> distinct = new LinkedHashSet<>(errors);
        return distinct.size() == 1 ? errors.get(0) : "[" + String.join(", ", distinct) + "]";
    }

    /** Go's {@code %q}: short escapes for control characters, unicode escapes for other unprintable ones. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (c > 0x7f && !isPrintable(c)) {
                        sb.append(String.format(c > 0xffff ? "\\U%08x" : "\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation and symbols. */
    private static boolean isPrintable(int c) {
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    /** Go's {@code %#v} of a {@code []string}. */
    static String quoteList(List<String> values) {
        List<String> quoted = new ArrayList<>(values.size());
        values.forEach(v -> quoted.add(quote(v)));
        return "[]string{" + String.join(", ", quoted) + "}";
    }
}
