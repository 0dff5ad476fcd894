package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
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
        LogSearch.run(new StringReader(log), spec, budget, out);
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
        String evil = "2026-01-01T00:00:01Z " + "a".repeat(30) + "!\n";
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
}
