package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Log parts: line reading, timestamps, event ids, parameters, merge")
class LogPartsTest {

    @Test
    @DisplayName("lines are cut at the cap, CRLF is accepted, a last line without newline is kept")
    void lineReader() throws IOException {
        String longLine = "x".repeat(50);
        try (var r = new LineReader(new StringReader(longLine + "\nab\r\nlast"), 10)) {
            assertThat(r.next()).isEqualTo("x".repeat(10));
            assertThat(r.next()).isEqualTo("ab");
            assertThat(r.next()).isEqualTo("last");
            assertThat(r.next()).isNull();
        }
    }

    /** Hands out at most a few bytes per read, so lines straddle every refill of the reader's buffer. */
    private static java.io.InputStream trickle(byte[] bytes, int seed) {
        java.util.Random random = new java.util.Random(seed);
        return new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7_000)));
            }
        };
    }

    @Test
    @DisplayName("byte lines: a line beyond 64 KiB keeps its head and skips its rest, across many small reads")
    void byteLines() throws IOException {
        String huge = "h".repeat(200_000);
        String log = "first\r\n" + huge + "\nafter huge\n" + "é".repeat(40_000) + "\n\nno newline at the end";
        List<String> lines = new java.util.ArrayList<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        int[] waits = {0};
        try (var r = new ByteLines(trickle(log.getBytes(StandardCharsets.UTF_8), 3), () -> waits[0]++)) {
            while (r.next()) {
                lines.add(r.text());
                sizes.add(r.end() - r.start());
            }
        }
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("first");
        assertThat(sizes.get(1)).isEqualTo(ByteLines.MAX_BYTES);
        assertThat(lines.get(1)).isEqualTo("h".repeat(LineReader.MAX_LINE));
        assertThat(lines.get(2)).isEqualTo("after huge");
        assertThat(lines.get(3)).isEqualTo("é".repeat(LineReader.MAX_LINE));
        assertThat(lines.get(4)).isEmpty();
        assertThat(lines.get(5)).isEqualTo("no newline at the end");
        assertThat(waits[0])
                .as("run when nothing is available, at the latest at the end")
                .isPositive();

        try (var r = new ByteLines(trickle((huge + "x").getBytes(StandardCharsets.UTF_8), 5), () -> {})) {
            assertThat(r.next()).isTrue();
            assertThat(r.end() - r.start()).isEqualTo(ByteLines.MAX_BYTES);
            assertThat(r.next()).isFalse();
        }
        try (var r = new ByteLines(new ByteArrayInputStream(new byte[0]), () -> {})) {
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    @DisplayName("byte lines decode to exactly what the character line reader gives, for any split of the input")
    void byteLinesAsLineReader() throws IOException {
        java.util.Random random = new java.util.Random(11);
        StringBuilder text = new StringBuilder();
        String[] pieces = {"a", "ü", "日", "🚀", "\r", "\n", "\r\n", " ", "x".repeat(5_000), "ß".repeat(9_000)};
        for (int i = 0; i < 4_000; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        List<String> expected = new java.util.ArrayList<>();
        try (var r = new LineReader(new StringReader(text.toString()), LineReader.MAX_LINE)) {
            String line;
            while ((line = r.next()) != null) {
                expected.add(line);
            }
        }
        List<String> actual = new java.util.ArrayList<>();
        try (var r = new ByteLines(trickle(bytes, 9), () -> {})) {
            while (r.next()) {
                actual.add(r.text());
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a timestamp prefix is split off; a line without one keeps its text whole")
    void logLine() {
        var line = LogLine.parse("2026-01-01T00:00:01.5Z hello world");
        assertThat(line.ts()).isEqualTo(Instant.parse("2026-01-01T00:00:01.5Z"));
        assertThat(line.text()).isEqualTo("hello world");
        assertThat(LogLine.parse("plain text").ts()).isNull();
        assertThat(LogLine.parse("2026-01-01T99:99:99Z x").text()).isEqualTo("2026-01-01T99:99:99Z x");
    }

    @Test
    @DisplayName("event ids round-trip; resume asks from the whole second and skips only what was seen")
    void eventIds() {
        var id = LogEventId.parse("2026-01-01T00:00:02.250Z#2");
        assertThat(id).hasToString("2026-01-01T00:00:02.250Z#2");
        assertThat(id.resumeFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
        Instant same = Instant.parse("2026-01-01T00:00:02.250Z");
        assertThat(id.seen(same, 2)).isTrue();
        assertThat(id.seen(same, 3)).isFalse();
        assertThat(id.seen(Instant.parse("2026-01-01T00:00:02.1Z"), 5)).isTrue();
        assertThat(id.seen(Instant.parse("2026-01-01T00:00:03Z"), 1)).isFalse();
        assertThat(LogEventId.parse("2026-01-01T00:00:02Z").ordinal()).isEqualTo(1);
        assertThatThrownBy(() -> LogEventId.parse("garbage#1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> LogEventId.parse("2026-01-01T00:00:02Z#0")).isInstanceOf(ApiException.class);
    }

    @Test
    @DisplayName("parameters outside their bounds are 400 invalid-parameter naming the field")
    void queryBounds() {
        assertThat(LogQuery.of(0L, null, "2026-01-01T01:00:00+01:00", true, false, 1L)
                        .sinceTime())
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> LogQuery.of(-1L, null, null, false, false, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("tailLines"));
        assertThatThrownBy(() -> LogQuery.of(null, 0L, null, false, false, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("sinceSeconds"));
        assertThatThrownBy(() -> LogQuery.of(null, 10L, "2026-01-01T00:00:00Z", false, false, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("sinceTime"));
        assertThatThrownBy(() -> LogQuery.of(null, null, null, false, false, (1L << 30) + 1))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid-parameter"));
    }

    @Test
    @DisplayName("merge orders by timestamp, keeps source order on ties, and keeps untimed lines with their source")
    void merge() throws IOException {
        var a = source("a", "2026-01-01T00:00:01Z a1\n2026-01-01T00:00:03Z a3\ncontinued\n");
        var b = source("b", "2026-01-01T00:00:01Z b1\n2026-01-01T00:00:02Z b2\n");
        var out = new ByteArrayOutputStream();
        LogMerge.merge(List.of(a, b), LogMerge.Format.TEXT, true, out);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(
                        "2026-01-01T00:00:01Z [p/a] a1",
                        "2026-01-01T00:00:01Z [p/b] b1",
                        "2026-01-01T00:00:02Z [p/b] b2",
                        "2026-01-01T00:00:03Z [p/a] a3",
                        "[p/a] continued");
    }

    private static LogMerge.Source source(String container, String text) {
        return new LogMerge.Source("p", container, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
