package dev.cloudops.container.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of text every match of a search must contain, looked for in a line's raw UTF-8 bytes before the line is
 * decoded and the pattern run, as grep does: most lines of a log lack it and are passed over at the cost of a
 * byte scan. It is only ever a necessary condition; the pattern decides.
 *
 * <p>For a literal query it is the query; for a regular expression the longest run of literal characters at the
 * top level of the pattern (outside groups and classes, not made optional by a quantifier). A pattern with a
 * top-level alternation, inline flags or an escape whose extent is not certain has none, and every line is
 * decoded. When case is ignored only characters whose case variants are all ASCII take part: ASCII letters except
 * {@code i}, {@code k} and {@code s} (which also match {@code İ ı}, the Kelvin sign and {@code ſ}), and
 * characters without case; the bytes of a line are then compared folded to lower case.
 */
final class RequiredLiteral {

    /** Nothing is required: every line must be decoded and matched. */
    static final RequiredLiteral NONE = new RequiredLiteral(new byte[0], false);

    private static final byte[] LOWER = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            LOWER[b] = (byte) (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
    }

    private final byte[] needle;
    private final boolean ignoreCase;
    /** The literal's first byte, and the bits set in every byte before comparing (0x20 to fold a letter). */
    private final byte firstPattern;

    private final byte firstFold;

    private RequiredLiteral(byte[] needle, boolean ignoreCase) {
        this.needle = needle;
        this.ignoreCase = ignoreCase;
        this.firstPattern = needle.length == 0 ? 0 : needle[0];
        this.firstFold = (byte) (ignoreCase && firstPattern >= 'a' && firstPattern <= 'z' ? 0x20 : 0);
    }

    /** What a search for {@code q} (a regular expression when {@code regex}) requires of a matching line. */
    static RequiredLiteral of(String q, boolean regex, boolean ignoreCase) {
        List<String> runs;
        if (regex) {
            runs = new Parser(q).runs();
            if (runs == null) {
                return NONE;
            }
        } else {
            runs = List.of(q);
        }
        byte[] best = new byte[0];
        for (String run : runs) {
            for (String part : safeParts(run, ignoreCase)) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > best.length) {
                    best = bytes;
                }
            }
        }
        if (best.length == 0) {
            return NONE;
        }
        if (ignoreCase) {
            for (int i = 0; i < best.length; i++) {
                best[i] = LOWER[best[i] & 0xff];
            }
        }
        return new RequiredLiteral(best, ignoreCase);
    }

    /** True when nothing is required. */
    boolean isNone() {
        return needle.length == 0;
    }

    /** The required bytes (folded to lower case when case is ignored); for tests and diagnostics. */
    String text() {
        return new String(needle, StandardCharsets.UTF_8);
    }

    /**
     * True when {@code bytes[from, to)} contains the literal (always true when nothing is required). Candidates for
     * the literal's first byte are found eight bytes at a time ({@link Swar}); each is then compared in full.
     */
    boolean foundIn(byte[] bytes, int from, int to) {
        int m = needle.length;
        if (m == 0) {
            return true;
        }
        int last = to - m; // the last position the literal can start at
        int i = from;
        while (i <= last) {
            int candidate = Swar.indexOf(bytes, i, last + 1, firstPattern, firstFold);
            if (candidate < 0) {
                return false;
            }
            if (ignoreCase ? foldedAt(bytes, candidate) : exactAt(bytes, candidate)) {
                return true;
            }
            i = candidate + 1;
        }
        return false;
    }

    private boolean exactAt(byte[] bytes, int at) {
        for (int j = 0; j < needle.length; j++) {
            if (bytes[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private boolean foldedAt(byte[] bytes, int at) {
        for (int j = 0; j < needle.length; j++) {
            if (LOWER[bytes[at + j] & 0xff] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pieces of {@code run} made only of characters the byte comparison handles exactly: never U+FFFD (which
     * also stands for undecodable bytes), and when case is ignored nothing outside ASCII and no i, k or s.
     */
    private static List<String> safeParts(String run, boolean ignoreCase) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        run.codePoints().forEach(cp -> {
            boolean safe = cp != 0xFFFD && (!ignoreCase || (cp < 0x80 && "iIkKsS".indexOf(cp) < 0));
            if (safe) {
                part.appendCodePoint(cp);
            } else if (part.length() > 0) {
                parts.add(part.toString());
                part.setLength(0);
            }
        });
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    /**
     * Reads a Java regular expression (one that compiles) far enough to find the literal runs of its top level.
     * Whenever the syntax is beyond what it follows with certainty it answers null: no literal, never a wrong one.
     */
    private static final class Parser {

        private final String p;
        private int i;
        private final List<String> runs = new ArrayList<>();
        private final StringBuilder run = new StringBuilder();

        Parser(String pattern) {
            this.p = pattern;
        }

        /** The top-level literal runs, or null when the pattern has none for certain. */
        List<String> runs() {
            try {
                while (i < p.length()) {
                    if (!atom()) {
                        return null;
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                return null;
            }
            endRun();
            return runs;
        }

        /** Reads one atom and its quantifier; false when the pattern is beyond this parser. */
        private boolean atom() {
            char c = p.charAt(i);
            switch (c) {
                case '|' -> {
                    return false; // a top-level alternative: nothing is required of every match
                }
                case '\\' -> {
                    return escape();
                }
                case '[' -> {
                    if (!skipClass()) {
                        return false;
                    }
                    return other();
                }
                case '(' -> {
                    if (p.startsWith("(?", i) && i + 2 < p.length() && "idmsuxU-".indexOf(p.charAt(i + 2)) >= 0) {
                        return false; // inline flags change how the rest reads
                    }
                    if (!skipGroup()) {
                        return false;
                    }
                    return other();
                }
                case '.', '^', '$' -> {
                    i++;
                    return other();
                }
                case '{', '*', '+', '?' -> {
                    return false; // a quantifier of a quantifier, as in a{2}{3}
                }
                default -> {
                    int cp = p.codePointAt(i);
                    i += Character.charCount(cp);
                    return literal(cp);
                }
            }
        }

        private boolean escape() {
            char next = p.charAt(i + 1);
            if (next == 'Q') {
                int end = p.indexOf("\\E", i + 2);
                String quoted = end < 0 ? p.substring(i + 2) : p.substring(i + 2, end);
                i = end < 0 ? p.length() : end + 2;
                if (quoted.isEmpty()) {
                    return true;
                }
                int lastStart = quoted.offsetByCodePoints(quoted.length(), -1);
                run.append(quoted, 0, lastStart);
                return literal(quoted.codePointAt(lastStart));
            }
            if (next == 'p' || next == 'P') {
                if (p.charAt(i + 2) == '{') {
                    int close = p.indexOf('}', i + 3);
                    if (close < 0) {
                        return false;
                    }
                    i = close + 1;
                } else {
                    i += 3;
                }
                return other();
            }
            if ("dDwWsSbBAzZGRXhHvVtnrfae".indexOf(next) >= 0) {
                i += 2;
                return other();
            }
            if (Character.isLetterOrDigit(next)) {
                return false; // hex, octal, control and named escapes, back references: lengths not followed here
            }
            int cp = p.codePointAt(i + 1);
            i += 1 + Character.charCount(cp);
            return literal(cp);
        }

        /** Skips a character class from its '['; nested classes are left to the regex engine. */
        private boolean skipClass() {
            i++;
            if (p.charAt(i) == '^') {
                i++;
            }
            if (p.charAt(i) == ']') {
                i++; // a ']' first in a class is a member
            }
            while (true) {
                char c = p.charAt(i);
                if (c == '\\') {
                    if (p.charAt(i + 1) == 'Q') {
                        int end = p.indexOf("\\E", i + 2);
                        if (end < 0) {
                            return false;
                        }
                        i = end + 2;
                    } else {
                        i += 2;
                    }
                } else if (c == '[') {
                    return false;
                } else if (c == ']') {
                    i++;
                    return true;
                } else {
                    i++;
                }
            }
        }

        /** Skips a group from its '(' to the matching ')'. */
        private boolean skipGroup() {
            int depth = 0;
            while (true) {
                char c = p.charAt(i);
                if (c == '\\') {
                    if (p.charAt(i + 1) == 'Q') {
                        int end = p.indexOf("\\E", i + 2);
                        if (end < 0) {
                            return false;
                        }
                        i = end + 2;
                    } else {
                        i += 2;
                    }
                } else if (c == '[') {
                    if (!skipClass()) {
                        return false;
                    }
                } else {
                    i++;
                    if (c == '(') {
                        depth++;
                    } else if (c == ')' && --depth == 0) {
                        return true;
                    }
                }
            }
        }

        /** A literal character: part of the run unless a quantifier makes it optional or repeats it. */
        private boolean literal(int cp) {
            int min = quantifier();
            if (min == Integer.MIN_VALUE) {
                return false;
            } else if (min < 0) {
                run.appendCodePoint(cp);
            } else if (min == 0) {
                endRun();
            } else {
                run.appendCodePoint(cp);
                endRun();
            }
            return true;
        }

        /** Anything but a literal character ends the run; its quantifier, if any, is skipped. */
        private boolean other() {
            endRun();
            return quantifier() != Integer.MIN_VALUE;
        }

        /**
         * Reads a quantifier after an atom: -1 when there is none, else its minimum count; Integer.MIN_VALUE when
         * it cannot be read.
         */
        private int quantifier() {
            if (i >= p.length()) {
                return -1;
            }
            int min;
            char c = p.charAt(i);
            if (c == '*' || c == '?') {
                min = 0;
                i++;
            } else if (c == '+') {
                min = 1;
                i++;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    return Integer.MIN_VALUE;
                }
                String body = p.substring(i + 1, close);
                String first = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
                if (first.isEmpty() || !first.chars().allMatch(Character::isDigit) || first.length() > 9) {
                    return Integer.MIN_VALUE;
                }
                min = Integer.parseInt(first);
                i = close + 1;
            } else {
                return -1;
            }
            if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                i++; // lazy or possessive
            }
            return min;
        }

        private void endRun() {
            if (run.length() > 0) {
                runs.add(run.toString());
                run.setLength(0);
            }
        }
    }
}
