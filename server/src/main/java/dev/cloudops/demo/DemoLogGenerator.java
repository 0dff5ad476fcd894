package dev.cloudops.demo;

import dev.cloudops.demo.DemoLogVocabulary.Dialect;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generates container logs as {@code kubectl logs --timestamps} prints them: an RFC 3339 timestamp with nanoseconds,
 * a space, and the line the application wrote — access lines, INFO/WARN/ERROR messages, stack traces, and for a
 * crashing container a start-up that ends in a fatal error.
 *
 * <p>Every line is a pure function of the seed, the {@link Source} and the line's index, so logs are deterministic,
 * any range of lines can be produced without producing the lines before it, and streams are lazy: a stream of ten
 * million lines costs nothing until it is consumed, and memory stays bounded however many lines are read.
 */
public final class DemoLogGenerator {

    /** What kind of process wrote the log, which decides its content and its length. */
    public enum Profile {
        /** A long-running service: endless access and application lines with the odd stack trace. */
        SERVICE,
        /** A batch job: a start line, progress, and a completion line. */
        JOB,
        /** A container that fails at start-up: a few start-up lines, an error, a stack trace and a fatal line. */
        CRASH
    }

    /**
     * One run of one container: the log a single container instance writes.
     *
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @param container the container's name
     * @param restart which run of the container (0 for the first), so every restart writes a different log
     * @param profile what kind of process it is
     * @param start when the run started: the first line's timestamp is at or just after it
     */
    public record Source(String namespace, String pod, String container, int restart, Profile profile, Instant start) {
        public Source {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(pod, "pod");
            Objects.requireNonNull(container, "container");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(start, "start");
        }
    }

    /** The seed of the demo cluster's logs. */
    public static final long DEFAULT_SEED = 0x5eed_c10d_0b5L;

    /** Service logs come in slots of this many lines so that a stack trace can fill a slot. */
    private static final int SLOT = 8;

    private final long seed;

    /** A generator with the {@linkplain #DEFAULT_SEED default seed}. */
    public DemoLogGenerator() {
        this(DEFAULT_SEED);
    }

    /** A generator whose logs are determined by {@code seed}. */
    public DemoLogGenerator(long seed) {
        this.seed = seed;
    }

    /** The first {@code count} lines of a service container's log, lazily. */
    public Stream<String> lines(String namespace, String pod, String container, Instant start, long count) {
        return lines(new Source(namespace, pod, container, 0, Profile.SERVICE, start), 0, count);
    }

    /** The first {@code count} lines of a service container's log as text, each line ending in a newline. */
    public String text(String namespace, String pod, String container, Instant start, int count) {
        return lines(namespace, pod, container, start, count)
                .map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    /**
     * Lines {@code from} (inclusive) to {@code to} (exclusive) of the source's log, lazily; a range past the end of a
     * finite log ({@link #length}) is cut short.
     */
    public Stream<String> lines(Source source, long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad line range [" + from + ", " + to + ")");
        }
        Run run = new Run(source);
        long end = Math.min(to, run.length);
        if (from >= end) {
            return Stream.empty();
        }
        return LongStream.range(from, end).mapToObj(run::line);
    }

    /** How many lines the source writes in total: bounded for jobs and crashes, {@link Long#MAX_VALUE} for services. */
    public long length(Source source) {
        return new Run(source).length;
    }

    /** The timestamp of line {@code index}; timestamps never decrease along a log. */
    public Instant timestamp(Source source, long index) {
        return new Run(source).time(index);
    }

    /**
     * How many lines the source wrote strictly before {@code instant}, which is also the index of the first line at or
     * after it. For a service this is how far its log has grown by that time.
     */
    public long linesBefore(Source source, Instant instant) {
        Run run = new Run(source);
        if (!instant.isAfter(source.start())) {
            return 0;
        }
        long high = run.length;
        if (high == Long.MAX_VALUE) {
            long elapsed = nanosBetween(source.start(), instant);
            high = (elapsed / run.slotNanos + 1) * SLOT;
        }
        long low = 0;
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (run.time(mid).isBefore(instant)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The instant as {@code kubectl logs --timestamps} prints it: UTC, always nine fraction digits. */
    static String stamp(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] out = new char[30];
        digits(out, 0, t.getYear(), 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, instant.getNano(), 9);
        out[29] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static long nanosBetween(Instant a, Instant b) {
        long seconds = b.getEpochSecond() - a.getEpochSecond();
        if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
            return Long.MAX_VALUE / 2;
        }
        return seconds * 1_000_000_000L + (b.getNano() - a.getNano());
    }

    /** The per-source parameters, derived once per call from the seed and the source. */
    private final class Run {
        private final Source source;
        private final long base;
        private final Dialect dialect;
        private final long length;
        private final long gapNanos;
        private final long slotNanos;
        private final int startupLines;

        Run(Source source) {
            this.source = source;
            this.base = DemoIds.mix(seed
                    ^ DemoIds.hash(source.namespace() + "/" + source.pod() + "/" + source.container() + "#"
                            + source.restart()));
            this.dialect = DemoLogVocabulary.dialect(source.namespace(), source.container(), base);
            this.startupLines = 4 + (int) Math.floorMod(base >>> 8, 5);
            switch (source.profile()) {
                case SERVICE -> {
                    this.gapNanos = 300_000_000L + Math.floorMod(base >>> 16, 2_200L) * 1_000_000L;
                    this.length = Long.MAX_VALUE;
                }
                case JOB -> {
                    this.gapNanos = 500_000_000L + Math.floorMod(base >>> 16, 2_500L) * 1_000_000L;
                    this.length = 30 + Math.floorMod(base >>> 24, 90);
                }
                default -> {
                    this.gapNanos = 40_000_000L + Math.floorMod(base >>> 16, 400L) * 1_000_000L;
                    this.length = startupLines + 8;
                }
            }
            this.slotNanos = gapNanos * SLOT;
        }

        String line(long index) {
            String stamp = stamp(time(index));
            return stamp + " " + text(index, stamp);
        }

        private String text(long index, String t) {
            long h = DemoIds.mix(base + index * 0x9e3779b97f4a7c15L);
            String app = source.container();
            return switch (source.profile()) {
                case JOB -> DemoLogVocabulary.job(dialect, (int) index, (int) length, h, t, app);
                case CRASH ->
                    index < startupLines
                            ? DemoLogVocabulary.startup(dialect, (int) index, h, t, app)
                            : DemoLogVocabulary.crash(dialect, base, t, app).get((int) (index - startupLines));
                case SERVICE -> serviceLine(index, h, t, app);
            };
        }

        private String serviceLine(long index, long h, String t, String app) {
            long slot = index / SLOT;
            int position = (int) (index % SLOT);
            long slotHash = DemoIds.mix(base ^ (slot * 0xbf58476d1ce4e5b9L));
            if (slot > 0 && Math.floorMod(slotHash, 60) == 0) {
                List<String> failure = DemoLogVocabulary.failure(dialect, slotHash, t, app, SLOT);
                if (position < failure.size()) {
                    return failure.get(position);
                }
            }
            if (slot == 0 && position < Math.min(SLOT, startupLines)) {
                return DemoLogVocabulary.startup(dialect, position, h, t, app);
            }
            int roll = (int) Math.floorMod(h, 100);
            if (roll < 55) {
                return DemoLogVocabulary.access(dialect, h, t, app);
            }
            char level = roll < 90 ? 'I' : roll < 98 ? 'W' : 'E';
            return DemoLogVocabulary.message(dialect, level, h, t, app);
        }

        Instant time(long index) {
            long h = DemoIds.mix(base + index * 0x9e3779b97f4a7c15L);
            long offset;
            if (source.profile() == Profile.SERVICE) {
                long slot = index / SLOT;
                int position = (int) (index % SLOT);
                long slotHash = DemoIds.mix(base ^ (slot * 0xbf58476d1ce4e5b9L));
                boolean burst = slot > 0 && Math.floorMod(slotHash, 60) == 0;
                // A stack trace is written at once; other lines spread over their own share of the slot.
                long within = burst
                        ? gapNanos / 2 + position * 1_000L + Math.floorMod(h, 1_000L)
                        : position * gapNanos + Math.floorMod(h, gapNanos);
                offset = slot * slotNanos + within;
            } else {
                offset = index * gapNanos + Math.floorMod(h, gapNanos);
            }
            return source.start().plusNanos(offset);
        }
    }
}
