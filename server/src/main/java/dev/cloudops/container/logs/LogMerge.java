package dev.cloudops.container.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of several containers' logs by the timestamps the API server put in front of every line. Each
 * source holds one pending line and a small read buffer, so memory grows with the number of sources, never with
 * the logs' length. Lines with equal timestamps keep the order of the sources.
 */
final class LogMerge {

    /** One container's log, opened with timestamps. */
    record Source(String pod, String container, InputStream in) {}

    /** How merged lines are written. */
    enum Format {
        /** {@code [pod/container] line}, preceded by the timestamp when asked for. */
        TEXT,
        /** One {@code {"pod","container","ts","line"}} object per line. */
        JSONL
    }

    /** A merged line as JSON Lines carry it. */
    record Tagged(String pod, String container, String ts, String line) {}

    private record Head(int index, Instant ts, LogLine line) {}

    private LogMerge() {}

    static void merge(List<Source> sources, Format format, boolean timestamps, OutputStream out) throws IOException {
        List<LineReader> readers = new ArrayList<>();
        Instant[] last = new Instant[sources.size()];
        try {
            for (Source s : sources) {
                readers.add(new LineReader(new InputStreamReader(s.in(), StandardCharsets.UTF_8), LineReader.MAX_LINE));
            }
            PriorityQueue<Head> heads =
                    new PriorityQueue<>(Comparator.comparing(Head::ts).thenComparingInt(Head::index));
            for (int i = 0; i < readers.size(); i++) {
                advance(readers, last, i, heads);
            }
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                Source s = sources.get(head.index());
                write(writer, format, timestamps, s, head);
                advance(readers, last, head.index(), heads);
            }
            writer.flush();
        } finally {
            for (Source s : sources) {
                s.in().close();
            }
        }
    }

    private static void advance(List<LineReader> readers, Instant[] last, int index, PriorityQueue<Head> heads)
            throws IOException {
        String raw = readers.get(index).next();
        if (raw == null) {
            return;
        }
        LogLine line = LogLine.parse(raw);
        // A line without a timestamp stays with the line before it.
        Instant ts = line.ts() != null ? line.ts() : last[index] != null ? last[index] : Instant.EPOCH;
        last[index] = ts;
        heads.add(new Head(index, ts, line));
    }

    private static void write(BufferedWriter out, Format format, boolean timestamps, Source s, Head head)
            throws IOException {
        String ts = head.line().ts() == null ? null : head.line().ts().toString();
        if (format == Format.JSONL) {
            Jsonl.write(out, new Tagged(s.pod(), s.container(), ts, head.line().text()));
            return;
        }
        if (timestamps && ts != null) {
            out.write(ts);
            out.write(' ');
        }
        out.write('[');
        out.write(s.pod());
        out.write('/');
        out.write(s.container());
        out.write("] ");
        out.write(head.line().text());
        out.write('\n');
    }
}
