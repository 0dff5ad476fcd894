package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogCorpusTest {

    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");
    private static final Pattern RFC3339_NANO =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,8}[1-9])?Z ");

    private static List<String> lines(byte[] log) {
        return new String(log, StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void countsTheLinesThatMatchInBothVariants() {
        LogCorpus.Log log = LogCorpus.build(2_000_000, 1, START);
        List<String> timestamped = lines(log.timestamped());
        List<String> plain = lines(log.plain());
        assertThat(timestamped).hasSize((int) log.lines());
        assertThat(plain).hasSize((int) log.lines());
        assertThat(timestamped.stream().filter(LogCorpus::matches).count()).isEqualTo(log.matches());
        assertThat(plain.stream().filter(LogCorpus::matches).count()).isEqualTo(log.matches());
        assertThat(100.0 * log.matches() / log.lines()).isBetween(0.8, 1.6);
        assertThat(log.timestamped().length).isGreaterThanOrEqualTo(2_000_000);
        assertThat(new String(log.timestamped(), StandardCharsets.UTF_8)).endsWith("\n");
    }

    @Test
    void prefixesEveryLineWithAnRfc3339NanoTimestampAsTheKubeletDoes() {
        LogCorpus.Log log = LogCorpus.build(200_000, 2, START);
        List<String> timestamped = lines(log.timestamped());
        List<String> plain = lines(log.plain());
        Instant previous = Instant.MIN;
        for (int i = 0; i < timestamped.size(); i++) {
            String line = timestamped.get(i);
            assertThat(line).containsPattern(RFC3339_NANO);
            int space = line.indexOf(' ');
            Instant ts = Instant.parse(line.substring(0, space));
            assertThat(ts).isAfterOrEqualTo(previous);
            previous = ts;
            assertThat(line.substring(space + 1)).isEqualTo(plain.get(i));
        }
    }

    @Test
    void theSameSeedGivesTheSameLog() {
        assertThat(LogCorpus.build(50_000, 3, START).timestamped())
                .isEqualTo(LogCorpus.build(50_000, 3, START).timestamped());
    }

    @Test
    void nextSaysWhetherTheLineMatches() {
        LogCorpus corpus = new LogCorpus(4, START);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.setLength(0);
            boolean match = corpus.next(sb);
            assertThat(LogCorpus.matches(sb)).as(sb.toString()).isEqualTo(match);
        }
    }

    @Test
    void rejectsAnImpossibleSize() {
        assertThatThrownBy(() -> LogCorpus.build(0, 1, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
