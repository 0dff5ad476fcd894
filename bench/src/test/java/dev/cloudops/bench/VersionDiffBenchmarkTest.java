package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.versions.VersionDiff;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Version diff benchmark: the bundle, the checks and the report")
class VersionDiffBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the bundle reaches the asked size, is the same for the same seed, and its revision differs a little")
    void bundle() {
        var v = VersionDiffBenchmark.versions(5000, 10);
        long lines = v.older().yaml().lines().count();
        assertThat(lines).isBetween(5000L, 5200L);
        assertThat(VersionDiffBenchmark.versions(5000, 10)).isEqualTo(v);
        var d = VersionDiff.compute(v.older(), v.newer());
        assertThat(d.identical()).isFalse();
        assertThat(d.linesAdded() + d.linesRemoved()).isBetween(50, 500);
        assertThat(ManifestBundle.bundle(1, 3).get("items")).asList().hasSize(9);
    }

    @Test
    @DisplayName("our diff passes its checks: GNU patch rebuilds b.yaml, the JSON Patch rebuilds the newer content")
    void checks() throws Exception {
        var v = VersionDiffBenchmark.versions(300, 50);
        java.nio.file.Files.writeString(dir.resolve("a.yaml"), v.older().yaml());
        VersionDiffBenchmark.check(VersionDiff.compute(v.older(), v.newer()), v, dir, "patch");
        var wrong = new VersionDiffBenchmark.Versions(
                v.older(),
                new VersionDiff.Side(
                        "b.yaml", v.older().yaml() + "x: 1\n", v.newer().json()));
        assertThatThrownBy(() ->
                        VersionDiffBenchmark.check(VersionDiff.compute(v.older(), v.newer()), wrong, dir, "patch"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("unified diff lines are counted without their headers")
    void counts() {
        assertThat(VersionDiffBenchmark.counts("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n+z\n context\n"))
                .containsExactly(2, 1);
    }

    @Test
    @DisplayName("options are checked by name")
    void options() {
        assertThat(VersionDiffBenchmark.parse(new String[] {"--lines=10", "--results="}))
                .containsEntry("lines", "10")
                .containsEntry("results", "");
        assertThatThrownBy(() -> VersionDiffBenchmark.parse(new String[] {"--nope=1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the report states the ratio against the target and the spawn-free ratio")
    void report() {
        var p = new Percentiles(5, 1, 2, 3, 3, 4, 2);
        var gnu = new Percentiles(5, 1, 4, 5, 5, 6, 4);
        var spawn = new Percentiles(5, 1, 1, 1, 1, 1, 1);
        var r = new DiffReport("now", "m", 5000, 5010, 123, 10, 9, 10, 9, 12, "s", p, gnu, p, p, spawn);
        assertThat(r.ratio()).isEqualTo(0.5);
        assertThat(r.ratioWithoutSpawn()).isEqualTo(2.0 / 3.0);
        assertThat(r.markdown()).contains("0.50×").contains("met").contains("5,000-line");
        var slow = new DiffReport("now", "m", 5000, 5010, 123, 10, 9, 10, 9, 12, "s", gnu, p, p, p, spawn);
        assertThat(slow.markdown()).contains("2.00×");
        var busy = new DiffReport("now", "m", 5000, 5010, 123, 10, 9, 10, 9, 12, "s", p, spawn, p, p, gnu);
        assertThat(busy.ratioWithoutSpawn()).isNaN();
        assertThat(busy.markdown()).contains("not meaningful");
    }
}
