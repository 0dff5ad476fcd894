package dev.cloudops.container.logs;

import dev.cloudops.platform.error.ApiException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Searches a log as it streams in, like {@code grep -B -A -m}: literal or Java regex, optionally ignoring case.
 * Matches are written as JSON Lines as soon as their trailing context is complete, then one summary line. Memory
 * is bounded by the context sizes; time by a budget that also stops a catastrophic regex in the middle of a line.
 */
final class LogSearch {

    static final int MAX_QUERY = 1024;
    static final int MAX_CONTEXT = 100;
    static final int MAX_MATCHES = 10_000;

    /** What to look for; {@link #of} checks it. */
    record Spec(Pattern pattern, int before, int after, int maxMatches) {

        static Spec of(String q, boolean regex, boolean ignoreCase, int before, int after, int maxMatches) {
            if (q == null || q.isEmpty() || q.length() > MAX_QUERY) {
                throw LogQuery.invalid("q", "q must be 1 to " + MAX_QUERY + " characters");
            }
            check("before", before, 0, MAX_CONTEXT);
            check("after", after, 0, MAX_CONTEXT);
            check("maxMatches", maxMatches, 1, MAX_MATCHES);
            int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            try {
                Pattern pattern = regex ? Pattern.compile(q, flags) : Pattern.compile(Pattern.quote(q), flags);
                return new Spec(pattern, before, after, maxMatches);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest(
                        "invalid-regex", "q is not a valid regular expression: " + e.getDescription(), "q");
            }
        }

        private static void check(String field, int value, int min, int max) {
            if (value < min || value > max) {
                throw LogQuery.invalid(field, field + " must be between " + min + " and " + max + ", not " + value);
            }
        }
    }

    /** A matching line (1-based number in the answer) with its context. */
    record Match(String type, long number, String ts, String line, List<String> before, List<String> after) {}

    /**
     * The closing line. {@code reason} says why the search stopped early: {@code max-matches} or
     * {@code time-budget}; null when the whole log was read.
     */
    record Summary(String type, long matches, long scanned, boolean truncated, String reason) {}

    private static final class Pending {
        final Match match;
        final List<String> after = new ArrayList<>();

        Pending(Match match) {
            this.match = match;
        }
    }

    /** Thrown from inside the regex engine when the budget runs out. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private LogSearch() {}

    /** Reads lines with timestamps from {@code in} and writes JSON Lines to {@code out}; closes {@code in}. */
    static Summary run(Reader in, Spec spec, Duration budget, OutputStream out) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        Deque<String> before = new ArrayDeque<>();
        Deque<Pending> pending = new ArrayDeque<>();
        long scanned = 0;
        long matches = 0;
        String reason = null;
        try (LineReader lines = new LineReader(in, LineReader.MAX_LINE)) {
            String raw;
            while ((raw = lines.next()) != null) {
                if (System.nanoTime() > deadline) {
                    reason = "time-budget";
                    break;
                }
                scanned++;
                String text = LogLine.textOf(raw);
                for (Pending p : pending) {
                    if (p.after.size() < spec.after()) {
                        p.after.add(text);
                    }
                }
                flushComplete(pending, spec, writer, false);
                if (matches == spec.maxMatches()) {
                    if (pending.isEmpty()) {
                        reason = "max-matches";
                        break;
                    }
                    continue;
                }
                boolean found;
                try {
                    found = spec.pattern().matcher(new Deadline(text, deadline)).find();
                } catch (BudgetExceeded e) {
                    reason = "time-budget";
                    break;
                }
                if (found) {
                    matches++;
                    LogLine line = LogLine.parse(raw);
                    String ts = line.ts() == null ? null : line.ts().toString();
                    pending.add(new Pending(new Match("match", scanned, ts, text, List.copyOf(before), List.of())));
                    flushComplete(pending, spec, writer, false);
                }
                if (spec.before() > 0) {
                    if (before.size() == spec.before()) {
                        before.removeFirst();
                    }
                    before.addLast(text);
                }
            }
        }
        flushComplete(pending, spec, writer, true);
        Summary summary = new Summary("summary", matches, scanned, reason != null, reason);
        Jsonl.write(writer, summary);
        writer.flush();
        return summary;
    }

    private static void flushComplete(Deque<Pending> pending, Spec spec, BufferedWriter writer, boolean all)
            throws IOException {
        boolean wrote = false;
        while (!pending.isEmpty() && (all || pending.peekFirst().after.size() >= spec.after())) {
            Pending p = pending.removeFirst();
            Match m = p.match;
            Jsonl.write(writer, new Match(m.type(), m.number(), m.ts(), m.line(), m.before(), List.copyOf(p.after)));
            wrote = true;
        }
        if (wrote) {
            writer.flush(); // results stream as they are found
        }
    }

    /** A line that makes the regex engine give up once the deadline has passed (checked every 1024 reads). */
    private static final class Deadline implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        Deadline(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 1023) == 0 && System.nanoTime() > deadline) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
