package dev.cloudops.container.logs;

import dev.cloudops.platform.error.ApiException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
 * Matches are written as JSON Lines once their trailing context is complete, then one summary line. Like grep, it
 * looks for a literal every match must contain in each line's bytes first and decodes and matches only the lines
 * that have it. Memory is bounded by the context sizes; time by a budget that also stops a catastrophic regex in
 * the middle of a line.
 */
final class LogSearch {

    static final int MAX_QUERY = 1024;
    static final int MAX_CONTEXT = 100;
    static final int MAX_MATCHES = 10_000;

    /**
     * What to look for; {@link #of} checks it.
     *
     * @param literal what every matching line contains, checked in its bytes before it is decoded
     */
    record Spec(Pattern pattern, RequiredLiteral literal, int before, int after, int maxMatches) {

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
                return new Spec(pattern, RequiredLiteral.of(q, regex, ignoreCase), before, after, maxMatches);
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

    /**
     * Reads lines (with or without timestamps) from {@code in} and writes JSON Lines to {@code out}; closes
     * {@code in}. A line is decoded only when it may match (it holds the spec's required literal) or is context of
     * a match. Output is flushed whenever the log has nothing more to read yet and at least every
     * {@link #FLUSH_EVERY}, not after every match, so a long search is not slowed by thousands of tiny writes.
     */
    static Summary run(InputStream in, Spec spec, Duration budget, OutputStream out) throws IOException {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        Output output = new Output(out, started);
        Before before = new Before(spec.before());
        Deque<Pending> pending = new ArrayDeque<>();
        RequiredLiteral literal = spec.literal();
        long scanned = 0;
        long matches = 0;
        String reason = null;
        try (ByteLines lines = new ByteLines(in, output::flushQuietly)) {
            while (lines.next()) {
                long now = System.nanoTime();
                if (now > deadline) {
                    reason = "time-budget";
                    break;
                }
                scanned++;
                String text = null;
                if (!pending.isEmpty()) {
                    text = LogLine.textOf(lines.text());
                    for (Pending p : pending) {
                        if (p.after.size() < spec.after()) {
                            p.after.add(text);
                        }
                    }
                    writeComplete(pending, spec, output, false);
                }
                if (matches == spec.maxMatches()) {
                    if (pending.isEmpty()) {
                        reason = "max-matches";
                        break;
                    }
                    continue;
                }
                if (literal.foundIn(lines.bytes(), lines.start(), lines.end())) {
                    String raw = lines.text();
                    if (text == null) {
                        text = LogLine.textOf(raw);
                    }
                    boolean found;
                    try {
                        found = spec.pattern()
                                .matcher(new Deadline(text, deadline))
                                .find();
                    } catch (BudgetExceeded e) {
                        reason = "time-budget";
                        break;
                    }
                    if (found) {
                        matches++;
                        LogLine line = LogLine.parse(raw);
                        String ts = line.ts() == null ? null : line.ts().toString();
                        pending.add(new Pending(new Match("match", scanned, ts, text, before.texts(), List.of())));
                        writeComplete(pending, spec, output, false);
                    }
                }
                before.add(lines);
                output.flushIfDue(now);
            }
        }
        writeComplete(pending, spec, output, true);
        Summary summary = new Summary("summary", matches, scanned, reason != null, reason);
        output.write(summary);
        output.flush();
        return summary;
    }

    /** How long written matches may wait in the buffer while the search is busy reading. */
    static final Duration FLUSH_EVERY = Duration.ofMillis(100);

    private static void writeComplete(Deque<Pending> pending, Spec spec, Output output, boolean all)
            throws IOException {
        while (!pending.isEmpty() && (all || pending.peekFirst().after.size() >= spec.after())) {
            Pending p = pending.removeFirst();
            Match m = p.match;
            output.write(new Match(m.type(), m.number(), m.ts(), m.line(), m.before(), List.copyOf(p.after)));
        }
    }

    /** The JSON Lines written so far, flushed when the search waits for the log or has held them too long. */
    private static final class Output {
        private final BufferedWriter writer;
        private final long flushEvery = FLUSH_EVERY.toNanos();
        private long flushedAt;
        private boolean dirty;
        private IOException failure;

        Output(OutputStream out, long now) {
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            this.flushedAt = now;
        }

        void write(Object value) throws IOException {
            Jsonl.write(writer, value);
            dirty = true;
        }

        void flushIfDue(long now) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (dirty && now - flushedAt > flushEvery) {
                flush();
            }
        }

        void flush() throws IOException {
            writer.flush();
            dirty = false;
            flushedAt = System.nanoTime();
        }

        /** Flushes before the search waits for more log; a failure (the client left) ends the search next line. */
        void flushQuietly() {
            if (dirty && failure == null) {
                try {
                    flush();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
    }

    /** The last lines read, kept as bytes and decoded only when a match needs them as its context. */
    private static final class Before {
        private final byte[][] lines;
        private final int[] lengths;
        private int first;
        private int size;

        Before(int capacity) {
            this.lines = new byte[capacity][];
            this.lengths = new int[capacity];
        }

        void add(ByteLines line) {
            int capacity = lines.length;
            if (capacity == 0) {
                return;
            }
            int slot = (first + size) % capacity;
            if (size == capacity) {
                first = (first + 1) % capacity;
            } else {
                size++;
            }
            int length = line.end() - line.start();
            if (lines[slot] == null || lines[slot].length < length) {
                lines[slot] = new byte[Math.max(length, 256)];
            }
            System.arraycopy(line.bytes(), line.start(), lines[slot], 0, length);
            lengths[slot] = length;
        }

        List<String> texts() {
            if (size == 0) {
                return List.of();
            }
            List<String> texts = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                int slot = (first + k) % lines.length;
                texts.add(LogLine.textOf(ByteLines.decode(lines[slot], 0, lengths[slot])));
            }
            return List.copyOf(texts);
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
