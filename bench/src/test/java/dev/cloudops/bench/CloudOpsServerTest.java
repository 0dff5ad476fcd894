package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudOpsServerTest {

    @Test
    void peakHeapIsTheFullestHeapAnyGcLeft(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.010s][info][gc] Using G1
                [1.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 4.1ms
                [9.500s][info][gc] GC(7) Pause Full (G1 Compaction Pause) 510M->498M(512M) 1027.490ms
                [9.900s][info][gc] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 6.7ms
                """, StandardCharsets.UTF_8);

        assertThat(CloudOpsServer.peakAfterGcKb(log)).isEqualTo(498L * 1024);
    }
}
