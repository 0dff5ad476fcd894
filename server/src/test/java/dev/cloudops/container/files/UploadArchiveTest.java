package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Upload archives: entries normalised and rewritten, tar-slip and odd entries refused")
class UploadArchiveTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final UploadArchive archive = new UploadArchive(out, 1000);

    private static InputStream data(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<TarArchiveEntry> written() throws IOException {
        archive.finish();
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.add(e);
            }
        }
        return entries;
    }

    @ParameterizedTest
    @CsvSource({"./a/b, a/b", "a//b/, a/b", "./././x, x", "a/./b, a/b", "'dir with space/ü', 'dir with space/ü'"})
    void normalisesNames(String raw, String name) {
        assertThat(UploadArchive.name(raw)).isEqualTo(name);
    }

    @Test
    void theRootEntryIsSkipped() {
        assertThat(UploadArchive.name("./")).isNull();
        assertThat(UploadArchive.name(".")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"../x", "a/../../x", "a/..", "/etc/passwd", "//x"})
    void refusesEscapingNames(String raw) {
        assertThatThrownBy(() -> UploadArchive.name(raw))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("unsafe-archive-entry"));
    }

    @Test
    void refusesNulAndOverlongNames() {
        assertThatThrownBy(() -> UploadArchive.name("a\u0000b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> UploadArchive.name("x".repeat(256))).hasMessageContaining("255");
        assertThatThrownBy(() -> UploadArchive.name("abc/".repeat(1000))).hasMessageContaining("too long");
    }

    @Test
    void rewritesEntriesWithoutSpecialBitsOrOwners() throws IOException {
        archive.directory("d", 0, 0);
        archive.file("d/run.sh", 3, 06755, 1_000_000, data("abc"), () -> {});
        archive.symlink("d/link", "run.sh", 0);
        archive.hardLink("d/same", "./d/run.sh");
        archive.file("empty", 0, 0, 0, data(""), () -> {});
        List<TarArchiveEntry> entries = written();
        assertThat(entries)
                .extracting(TarArchiveEntry::getName)
                .containsExactly("d/", "d/run.sh", "d/link", "d/same", "empty");
        assertThat(entries.get(0).getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get(1).getMode() & 07777).isEqualTo(0755);
        assertThat(entries.get(1).getUserName()).isEmpty();
        assertThat(entries.get(2).getLinkName()).isEqualTo("run.sh");
        assertThat(entries.get(3).getLinkName()).isEqualTo("d/run.sh");
        assertThat(entries.get(4).getMode() & 07777).isEqualTo(0644);
        assertThat(archive.files()).isEqualTo(2);
        assertThat(archive.directories()).isEqualTo(1);
        assertThat(archive.links()).isEqualTo(2);
        assertThat(archive.bytes()).isEqualTo(3);
        assertThat(archive.topLevel()).containsExactly("d", "empty");
    }

    @Test
    void refusesLinksThatLeaveTheDirectory() throws IOException {
        archive.symlink("a/in", "../b", 0);
        assertThatThrownBy(() -> archive.symlink("up", "../x", 0)).hasMessageContaining("leads out");
        assertThatThrownBy(() -> archive.symlink("a/up", "../../x", 0)).hasMessageContaining("leads out");
        assertThatThrownBy(() -> archive.symlink("abs", "/etc", 0)).hasMessageContaining("leads out");
        assertThatThrownBy(() -> archive.symlink("empty", "", 0)).hasMessageContaining("target");
        assertThatThrownBy(() -> archive.hardLink("h", "nothing")).hasMessageContaining("earlier file");
        assertThatThrownBy(() -> archive.hardLink("h", "../../etc/passwd")).isInstanceOf(ApiException.class);
    }

    @Test
    void refusesEntriesThroughOrOverALinkOfTheArchive() throws IOException {
        archive.symlink("d", "sub", 0);
        assertThatThrownBy(() -> archive.file("d/x", 1, 0644, 0, data("x"), () -> {}))
                .hasMessageContaining("under a symbolic link");
        assertThatThrownBy(() -> archive.directory("d", 0755, 0)).hasMessageContaining("replaces a symbolic link");
    }

    @Test
    void refusesUploadsOverTheLimit() throws IOException {
        archive.file("a", 600, 0644, 0, new ByteArrayInputStream(new byte[600]), () -> {});
        assertThatThrownBy(() -> archive.file("b", 401, 0644, 0, new ByteArrayInputStream(new byte[401]), () -> {}))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("upload-too-large"));
    }

    @Test
    void refusesAFileCutShort() {
        assertThatThrownBy(() -> archive.file("a", 10, 0644, 0, data("abc"), () -> {}))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("malformed-archive"));
    }

    @Test
    void refusesDevicesAndFifos() {
        for (byte flag : new byte[] {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO}) {
            TarArchiveEntry device = new TarArchiveEntry("dev", flag);
            assertThatThrownBy(() -> archive.add(device, InputStream.nullInputStream(), () -> {}))
                    .hasMessageContaining("devices or FIFOs");
        }
    }

    @Test
    void reportsProgressPerMebibyte() throws IOException {
        UploadArchive big = new UploadArchive(OutputStreamSink.INSTANCE, 10L << 20);
        int[] calls = {0};
        big.file("big", 3L << 20, 0644, 0, new ByteArrayInputStream(new byte[3 << 20]), () -> calls[0]++);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void framesAChunkedStreamWithBoundedWrites() throws IOException {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(len);
                super.write(b, off, len);
            }
        };
        List<Long> gated = new ArrayList<>();
        FramedOutputStream framed = new FramedOutputStream(sink, 10, 4, gated::add);
        framed.write("0123456789abc".getBytes(StandardCharsets.US_ASCII));
        framed.write('d');
        framed.end();
        framed.close();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("10\n0123456789" + "4\nabcd" + "0\n");
        assertThat(writes).allMatch(n -> n <= 4);
        assertThat(gated).as("each frame passes the gate, numbered from 1").containsExactly(1L, 2L);
        ByteArrayOutputStream aborted = new ByteArrayOutputStream();
        FramedOutputStream stopped = new FramedOutputStream(aborted, 10, 4, frame -> {});
        stopped.write("xyz".getBytes(StandardCharsets.US_ASCII));
        stopped.abort();
        assertThat(aborted.toString(StandardCharsets.US_ASCII)).isEqualTo("abort\n");
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
