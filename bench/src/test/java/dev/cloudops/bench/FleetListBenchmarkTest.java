package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FleetListBenchmarkTest {

    private static CloudOpsServer.Fetch answer(String json) {
        return new CloudOpsServer.Fetch(200, json.getBytes(StandardCharsets.UTF_8), 1_000_000);
    }

    private static final String HIT = "{\"labels\":{\"app\":\"search\",\"tier\":\"api\",\"bench-group\":\"hit\"}}";

    @Test
    void acceptsAnExactAnswer() {
        var ok = answer("{\"items\":[" + HIT + "," + HIT + "],\"total\":2,\"truncated\":false,"
                + "\"clusters\":[{\"matched\":1,\"error\":null},{\"matched\":1,\"error\":null}]}");

        FleetListBenchmark.check(ok, 2, 1, 2);
        assertThat(ok.millis()).isEqualTo(1.0);
    }

    @Test
    void failsTheRunOnAWrongTotalAClusterErrorOrAForeignPod() {
        var wrongTotal = answer("{\"items\":[" + HIT + "],\"total\":1,\"truncated\":false,"
                + "\"clusters\":[{\"matched\":1,\"error\":null},{\"matched\":0,\"error\":null}]}");
        var clusterError = answer("{\"items\":[" + HIT + "," + HIT + "],\"total\":2,\"truncated\":false,"
                + "\"clusters\":[{\"matched\":1,\"error\":null},{\"matched\":1,\"error\":\"down\"}]}");
        var foreign = answer("{\"items\":[" + HIT + ",{\"labels\":{\"app\":\"search\",\"tier\":\"batch\"}}],"
                + "\"total\":2,\"truncated\":false,"
                + "\"clusters\":[{\"matched\":1,\"error\":null},{\"matched\":1,\"error\":null}]}");
        var httpError = new CloudOpsServer.Fetch(500, "{}".getBytes(StandardCharsets.UTF_8), 1);

        assertThatThrownBy(() -> FleetListBenchmark.check(wrongTotal, 2, 1, 2)).hasMessageContaining("total 1");
        assertThatThrownBy(() -> FleetListBenchmark.check(clusterError, 2, 1, 2))
                .hasMessageContaining("down");
        assertThatThrownBy(() -> FleetListBenchmark.check(foreign, 2, 1, 2)).hasMessageContaining("excludes");
        assertThatThrownBy(() -> FleetListBenchmark.check(httpError, 2, 1, 2)).hasMessageContaining("HTTP 500");
    }

    @Test
    void parsesOptionsAndRefusesUnknownOnes() {
        var options = FleetListBenchmark.parse(new String[] {"--server-jar=/x.jar", "--clusters=3", "--results="});

        assertThat(options).containsEntry("clusters", "3").containsEntry("results", "");
        assertThatThrownBy(() -> FleetListBenchmark.parse(new String[] {"--server-jar=/x", "--pod=1"}))
                .hasMessageContaining("unknown option --pod=1");
        assertThatThrownBy(() -> FleetListBenchmark.parse(new String[] {"--clusters=1"}))
                .hasMessageContaining("--server-jar");
    }

    @Test
    void readsHeapSizes() {
        assertThat(FleetListBenchmark.megabytes("512m")).isEqualTo(512);
        assertThat(FleetListBenchmark.megabytes("2g")).isEqualTo(2048);
        assertThat(FleetListBenchmark.megabytes("1048576k")).isEqualTo(1024);
    }

    @Test
    void readsTheLoadAverage() {
        assertThat(FleetListBenchmark.loadAverage()).matches("[\\d.]+/[\\d.]+/[\\d.]+|unknown");
    }
}
