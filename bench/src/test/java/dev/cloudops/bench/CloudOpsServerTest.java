package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudOpsServerTest {

    @Test
    void heapPressureCountsForcedFullGcsAndTheirLiveSet(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, """
                [0.010s][info][gc] Using G1
                [1.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 4.1ms
                [9.400s][info][gc] GC(6) Pause Young (Normal) (G1 Evacuation Pause) 511M->511M(512M) 6.7ms
                [9.500s][info][gc] GC(7) Pause Full (G1 Compaction Pause) 510M->498M(512M) 1027.490ms
                [9.700s][info][gc] GC(8) Pause Full (G1 Compaction Pause) 505M->470M(512M) 927.490ms
                [9.900s][info][gc] GC(9) Pause Full (Diagnostic Command) 500M->499M(512M) 900.1ms
                """, StandardCharsets.UTF_8);

        assertThat(CloudOpsServer.gcPressure(log)).isEqualTo(new CloudOpsServer.GcPressure(2, 498L * 1024));
    }
}
