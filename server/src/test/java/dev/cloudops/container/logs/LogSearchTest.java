package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Log search")
class LogSearchTest {

    private static final String LOG = """
            2026-01-01T00:00:01Z one
            2026-01-01T00:00:02Z two hit
            2026-01-01T00:00:03Z three hit
            2026-01-01T00:00:04Z four
            2026-01-01T00:00:05Z five
            """;

    private static List<String> run(String log, LogSearch.Spec spec, Duration budget) throws IOException {
        var out = new ByteArrayOutputStream();
        LogSearch.run(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), spec, budget, out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    @DisplayName("overlapping matches each carry their own before and after context, in log order")
    void overlappingContext() throws IOException {
        var lines = run(LOG, LogSearch.Spec.of("hit", false, false, 1, 2, 10), Duration.ofSeconds(5));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .contains("\"number\":2", "\"ts\":\"2026-01-01T00:00:02Z\"")
                .contains("\"before\":[\"one\"]", "\"after\":[\"three hit\",\"four\"]");
        assertThat(lines.get(1)).contains("\"number\":3", "\"before\":[\"two hit\"]", "\"after\":[\"four\",\"five\"]");
        assertThat(lines.get(2)).contains("\"matches\":2", "\"scanned\":5", "\"truncated\":false");
    }

    @Test
    @DisplayName("trailing context cut short by the end of the log is still written")
    void contextAtEnd() throws IOException {
        var lines = run(LOG, LogSearch.Spec.of("five", false, false, 0, 3, 10), Duration.ofSeconds(5));
        assertThat(lines.get(0)).contains("\"line\":\"five\"", "\"after\":[]");
    }

    @Test
    @DisplayName("literal queries are not regexes: dots and brackets match themselves")
    void literal() throws IOException {
        var lines = run(
                "2026-01-01T00:00:01Z a.b\n2026-01-01T00:00:02Z axb\n",
                LogSearch.Spec.of("a.b", false, false, 0, 0, 10),
                Duration.ofSeconds(5));
        assertThat(lines.get(lines.size() - 1)).contains("\"matches\":1");
    }

    @Test
    @DisplayName("a catastrophic regex stops at the time budget with a partial summary instead of hanging")
    void timeBudget() throws IOException {
        // the line holds the b the pattern requires, so the pattern has to run on it
        String evil = "2026-01-01T00:00:01Z " + "a".repeat(30) + "!b\n";
        long start = System.nanoTime();
        var lines = run(evil, LogSearch.Spec.of("(.*a){25}b", true, false, 0, 0, 10), Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(lines.get(lines.size() - 1)).contains("\"truncated\":true", "\"reason\":\"time-budget\"");
    }

    @Test
    @DisplayName("invalid regex, empty query and out-of-range context are 400 problems naming the field")
    void invalidSpecs() {
        assertThatThrownBy(() -> LogSearch.Spec.of("[", true, false, 0, 0, 1))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid-regex"));
        assertThatThrownBy(() -> LogSearch.Spec.of("", false, false, 0, 0, 1))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("q"));
        assertThatThrownBy(() -> LogSearch.Spec.of("x", false, false, 101, 0, 1))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("before"));
        assertThatThrownBy(() -> LogSearch.Spec.of("x", false, false, 0, 0, 0))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.field()).isEqualTo("maxMatches"));
    }

    private static List<String> search(byte[] log, LogSearch.Spec spec) throws IOException {
        var out = new ByteArrayOutputStream();
        LogSearch.run(new ByteArrayInputStream(log), spec, Duration.ofSeconds(30), out);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    @DisplayName("ignoring case matches ASCII and Unicode case variants, including the Kelvin sign and the long s")
    void ignoreCase() throws IOException {
        String log = """
                2026-01-01T00:00:01Z Request TIMED OUT
                2026-01-01T00:00:02Z request timed out
                2026-01-01T00:00:03Z Kelvin ſtatus
                2026-01-01T00:00:04Z GRÖSSE größe
                2026-01-01T00:00:05Z nothing here
                """;
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        assertThat(search(bytes, LogSearch.Spec.of("timed OUT", false, true, 0, 0, 10)))
                .hasSize(3)
                .last()
                .asString()
                .contains("\"matches\":2");
        assertThat(search(bytes, LogSearch.Spec.of("timed OUT", false, false, 0, 0, 10)))
                .last()
                .asString()
                .contains("\"matches\":0");
        List<String> kelvin = search(bytes, LogSearch.Spec.of("kelvin STATUS", false, true, 0, 0, 10));
        assertThat(kelvin.get(0)).contains("\"number\":3", "\"line\":\"\u212Aelvin ſtatus\"");
        assertThat(search(bytes, LogSearch.Spec.of("gröSSe|größE", true, true, 0, 0, 10)))
                .last()
                .asString()
                .contains("\"matches\":1");
        assertThat(search(bytes, LogSearch.Spec.of("(?i)REQUEST", true, false, 0, 0, 10)))
                .last()
                .asString()
                .contains("\"matches\":2");
    }

    @Test
    @DisplayName("multibyte UTF-8 is matched and reported whole, in the line and in its context")
    void multibyte() throws IOException {
        String log = """
                2026-01-01T00:00:01Z 日本語のログ 🚀 start
                2026-01-01T00:00:02Z ошибка: соединение разорвано
                2026-01-01T00:00:03Z done ✓
                """;
        List<String> lines =
                search(log.getBytes(StandardCharsets.UTF_8), LogSearch.Spec.of("ошибка", false, false, 1, 1, 10));
        assertThat(lines.get(0))
                .contains("\"line\":\"ошибка: соединение разорвано\"")
                .contains("\"before\":[\"日本語のログ 🚀 start\"]")
                .contains("\"after\":[\"done ✓\"]");
        assertThat(search(log.getBytes(StandardCharsets.UTF_8), LogSearch.Spec.of("🚀", false, false, 0, 0, 10))
                        .get(0))
                .contains("\"number\":1");
    }

    @Test
    @DisplayName("undecodable bytes read as U+FFFD; CRLF endings, a last line without newline and untimed lines")
    void rawBytes() throws IOException {
        byte[] log = concat(
                "2026-01-01T00:00:01Z bad ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                " bytes\r\nplain hit line\r\n2026-01-01T00:00:02Z last hit".getBytes(StandardCharsets.UTF_8));
        List<String> replaced = search(log, LogSearch.Spec.of("\uFFFD(", false, false, 0, 0, 10));
        assertThat(replaced.get(0)).contains("\"number\":1", "\"line\":\"bad \uFFFD(\uFFFD bytes\"");
        List<String> hits = search(log, LogSearch.Spec.of("hit", false, false, 0, 0, 10));
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0)).contains("\"number\":2", "\"ts\":null", "\"line\":\"plain hit line\"");
        assertThat(hits.get(1)).contains("\"number\":3", "\"ts\":\"2026-01-01T00:00:02Z\"", "\"line\":\"last hit\"");
        assertThat(hits.get(2)).contains("\"scanned\":3");
    }

    @Test
    @DisplayName("a line longer than 16 KiB characters is cut there: what lies beyond cannot match")
    void longLines() throws IOException {
        String head = "2026-01-01T00:00:01Z " + "é".repeat(20_000) + " needle-beyond";
        String log = head + "\n2026-01-01T00:00:02Z needle-near\n";
        List<String> lines =
                search(log.getBytes(StandardCharsets.UTF_8), LogSearch.Spec.of("needle", false, false, 1, 0, 10));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"number\":2", "\"line\":\"needle-near\"");
        String before = lines.get(0).substring(lines.get(0).indexOf("\"before\":[\"") + 11);
        assertThat(before).startsWith("éé").doesNotContain("needle-beyond");
        assertThat(before.indexOf('"')).isEqualTo(LineReader.MAX_LINE - "2026-01-01T00:00:01Z ".length());
    }

    @Test
    @DisplayName(
            "every line the byte search reports is the one a line-by-line regex search finds, with the same context")
    void sameAsLineByLine() throws IOException {
        java.util.Random random = new java.util.Random(7);
        String[] words = {
            "ERROR",
            "error",
            "Timeout",
            "timed out",
            "connection refused",
            "ſtatus",
            "\u212Aelvin",
            "größe",
            "ΣΊΣΥΦΟΣ",
            "日本",
            "🚀",
            "a.b",
            "[x]",
            "k8s",
            "ID=42",
            "\t",
            "é",
            "İstanbul",
            "ı"
        };
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 3_000; n++) {
            if (random.nextInt(4) > 0) {
                text.append("2026-01-01T00:00:")
                        .append(String.format("%02d", n % 60))
                        .append(".123456789Z ");
            }
            int count = random.nextInt(8);
            for (int w = 0; w < count; w++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        byte[] log = text.toString().getBytes(StandardCharsets.UTF_8);
        String[][] queries = {
            {"error", "false", "true"},
            {"ERROR", "false", "false"},
            {"timed out", "false", "true"},
            {"STATUS", "false", "true"},
            {"KELVIN", "false", "true"},
            {"istanbul", "false", "true"},
            {"GRÖSSE", "false", "true"},
            {"σίσυφος", "false", "true"},
            {"a.b", "false", "false"},
            {"ERROR .*(timed out|connection refused)", "true", "false"},
            {"err?or\\s+\\w+", "true", "true"},
            {"\\[x\\] k8s", "true", "false"},
            {"ID=\\d+", "true", "false"},
            {"日本.*🚀", "true", "false"},
            {"timeout|refused", "true", "true"},
            {"(?i)k8s ID", "true", "false"},
            {"é+\\s", "true", "false"}
        };
        for (String[] q : queries) {
            var spec = LogSearch.Spec.of(q[0], Boolean.parseBoolean(q[1]), Boolean.parseBoolean(q[2]), 2, 1, 10_000);
            assertThat(search(log, spec)).as(q[0]).containsExactlyElementsOf(lineByLine(log, spec));
        }
    }

    /** The search as it was before the byte-level prefilter: decode every line, then run the pattern. */
    private static List<String> lineByLine(byte[] log, LogSearch.Spec spec) throws IOException {
        List<String> texts = new java.util.ArrayList<>();
        List<String> raws = new java.util.ArrayList<>();
        try (var reader = new LineReader(
                new java.io.InputStreamReader(new ByteArrayInputStream(log), StandardCharsets.UTF_8),
                LineReader.MAX_LINE)) {
            String raw;
            while ((raw = reader.next()) != null) {
                raws.add(raw);
                texts.add(LogLine.textOf(raw));
            }
        }
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        List<String> out = new java.util.ArrayList<>();
        int matches = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (spec.pattern().matcher(texts.get(i)).find()) {
                matches++;
                var ts = LogLine.parse(raws.get(i)).ts();
                out.add(json.writeValueAsString(new LogSearch.Match(
                        "match",
                        i + 1,
                        ts == null ? null : ts.toString(),
                        texts.get(i),
                        texts.subList(Math.max(0, i - spec.before()), i),
                        texts.subList(i + 1, Math.min(texts.size(), i + 1 + spec.after())))));
            }
        }
        out.add(json.writeValueAsString(new LogSearch.Summary("summary", matches, texts.size(), false, null)));
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    @DisplayName("matches are flushed when the log has nothing more to read yet, not only at the end")
    void flushesWhileWaiting() throws IOException {
        var out = new ByteArrayOutputStream();
        List<String> seenBeforeSecondChunk = new java.util.ArrayList<>();
        var in = new java.io.InputStream() {
            private final byte[][] chunks = {
                "2026-01-01T00:00:01Z first hit\n".getBytes(StandardCharsets.UTF_8),
                "2026-01-01T00:00:02Z second hit\n".getBytes(StandardCharsets.UTF_8)
            };
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next == chunks.length) {
                    return -1;
                }
                if (next == 1) {
                    seenBeforeSecondChunk.addAll(
                            out.toString(StandardCharsets.UTF_8).lines().toList());
                }
                byte[] chunk = chunks[next++];
                System.arraycopy(chunk, 0, b, off, chunk.length);
                return chunk.length;
            }
        };
        LogSearch.run(in, LogSearch.Spec.of("hit", false, false, 0, 0, 10), Duration.ofSeconds(5), out);
        assertThat(seenBeforeSecondChunk).hasSize(1).first().asString().contains("first hit");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
    }
}
