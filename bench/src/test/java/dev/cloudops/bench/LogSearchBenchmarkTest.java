package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSearchBenchmarkTest {

    @Test
    void parsesKnownOptionsAndRequiresTheJar() {
        assertThat(LogSearchBenchmark.parse(new String[] {"--server-jar=x.jar", "--log-mb=20", "--results="}))
                .containsEntry("log-mb", "20")
                .containsEntry("results", "");
        assertThatThrownBy(() -> LogSearchBenchmark.parse(new String[] {"--log-mb=20"}))
                .hasMessageContaining("server-jar");
        assertThatThrownBy(() -> LogSearchBenchmark.parse(new String[] {"--server-jar=x", "--nope=1"}))
                .hasMessageContaining("unknown option");
    }

    @Test
    void encodesTheRegexInTheSearchRequest() {
        assertThat(LogSearchBenchmark.searchPath(3, "ERROR .*(a|b)"))
                .isEqualTo("/api/k8s/containers/3/bench/big-log/app/logs/search?q=ERROR+.*%28a%7Cb%29&regex=true"
                        + "&maxMatches=10000");
    }

    @Test
    void acceptsOnlyASummaryOfTheWholeLog() {
        LogSearchBenchmark.checkSummary(
                "{\"type\":\"summary\",\"matches\":5,\"scanned\":100,\"truncated\":false,\"reason\":null}", 5, 100);
        assertThatThrownBy(() -> LogSearchBenchmark.checkSummary(
                        "{\"type\":\"summary\",\"matches\":5,\"scanned\":90,\"truncated\":true,"
                                + "\"reason\":\"time-budget\"}",
                        5,
                        100))
                .hasMessageContaining("time-budget");
    }

    @Test
    void countsTheRequestsMadeBetweenTwoSnapshots() {
        assertThat(LogSearchBenchmark.difference(Map.of("/a", 2L, "/b", 1L), Map.of("/a", 3L, "/b", 1L, "/c", 2L)))
                .containsExactly(Map.entry("/a", 1L), Map.entry("/c", 2L));
    }
}
