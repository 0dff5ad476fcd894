package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.CloudOpsProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The log archive")
class LogArchiveTest {

    @TempDir
    Path dir;

    private LogArchive archive() {
        return new LogArchive(new CloudOpsProperties(dir, null, null, null, null, null, null, null, null));
    }

    private long files() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    @DisplayName("compresses a log into <yyyy>/<mm>/<uuid>.log.gz, counting bytes, lines and first and last timestamps")
    void write() throws IOException {
        String log = "2026-03-04T05:06:07Z a\nno timestamp\n2026-03-04T05:06:09.5Z b";
        var written = archive()
                .write(
                        new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                        Instant.parse("2026-03-31T23:59:59Z"));
        assertThat(written.path()).matches("2026/03/[0-9a-f-]{36}\\.log\\.gz");
        assertThat(written.bytes()).isEqualTo(log.length());
        assertThat(written.lines()).isEqualTo(3);
        assertThat(written.firstTs()).isEqualTo(Instant.parse("2026-03-04T05:06:07Z"));
        assertThat(written.lastTs()).isEqualTo(Instant.parse("2026-03-04T05:06:09.5Z"));
        Path file = archive().file(written.path());
        assertThat(written.compressedBytes()).isEqualTo(Files.size(file));
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(log);
        }
        assertThat(files()).isEqualTo(1);
        assertThat(archive().delete(written.path())).isTrue();
        assertThat(archive().delete(written.path())).isFalse();
    }

    @Test
    @DisplayName("a log that fails while streaming leaves no file, not even a partial one")
    void failure() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream("x".repeat(100_000).getBytes(StandardCharsets.UTF_8)), broken);
        assertThatThrownBy(() -> archive().write(in, Instant.now())).hasMessage("connection reset");
        assertThat(files()).isZero();
    }

    @Test
    @DisplayName("a path outside the archive is refused")
    void outside() {
        assertThatThrownBy(() -> archive().file("../secret")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a tee that is closed before the end of the log discards its snapshot; one read whole keeps it")
    void tee() throws IOException {
        LogArchive archive = archive();
        var kept = new LogArchive.Written[1];
        try (var tee = new SnapshotTee(
                new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)),
                archive.begin(Instant.now()),
                w -> kept[0] = w)) {
            assertThat(tee.read()).isEqualTo('a');
        }
        assertThat(kept[0]).isNull();
        assertThat(files()).isZero();

        try (var tee = new SnapshotTee(
                new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8)),
                archive.begin(Instant.now()),
                w -> kept[0] = w)) {
            assertThat(tee.read()).isEqualTo('a');
            assertThat(tee.markSupported()).isFalse();
            tee.transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(tee.read()).isEqualTo(-1);
        }
        assertThat(kept[0].lines()).isEqualTo(2);
        assertThat(files()).isEqualTo(1);
    }
}
