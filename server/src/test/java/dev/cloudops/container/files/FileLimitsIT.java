package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@DisplayName("File limits are configurable: edit, upload, download, listing and search sizes, operation timeout")
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cloudops-files-limits;DB_CLOSE_DELAY=-1",
            "cloudops.files.max-edit-bytes=1000",
            "cloudops.files.max-upload-bytes=100000",
            "cloudops.files.max-download-bytes=200000",
            "cloudops.files.max-list-entries=3",
            "cloudops.files.max-search-results=2",
            "cloudops.files.operation-timeout=2s"
        })
class FileLimitsIT extends FilesITBase {

    private static byte[] tar(String name, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(size);
            out.putArchiveEntry(e);
            out.write(new byte[size]);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    @DisplayName("edits over max-edit-bytes are 413 file-too-large, reading and saving alike")
    void edit() throws IOException {
        Path file = write("f.txt", "x".repeat(1001));
        assertThat(api.get(files("app") + "/content?path=" + q(file.toString()), admin)
                        .code())
                .isEqualTo("file-too-large");
        Path small = write("s.txt", "s");
        var save = api.put(
                files("app") + "/content",
                Map.of(
                        "path",
                        small.toString(),
                        "content",
                        "y".repeat(1001),
                        "sha256",
                        FileEditor.sha256("s".getBytes(StandardCharsets.UTF_8))),
                admin);
        assertThat(save.status()).isEqualTo(413);
        assertThat(save.code()).isEqualTo("file-too-large");
        assertThat(Files.readString(small)).isEqualTo("s");
    }

    @Test
    @DisplayName("uploads over max-upload-bytes are 413 upload-too-large, tar and multipart, and write nothing")
    void upload() throws IOException {
        String url = files("app") + "/upload?path=" + q(root.toString());
        var tar = api.postBytes(url, tar("big.bin", 100_001), "application/x-tar", admin);
        assertThat(tar.status()).isEqualTo(413);
        assertThat(tar.code()).isEqualTo("upload-too-large");
        var multipart = api.postFiles(url, "file", Map.of("big.bin", new byte[100_001]), admin);
        assertThat(multipart.status()).isEqualTo(413);
        assertThat(multipart.code()).isEqualTo("upload-too-large");
        assertThat(names(root)).isEmpty();
        var ok = api.postBytes(url, tar("fits.bin", 99_000), "application/x-tar", admin);
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    }

    @Test
    @DisplayName("a file over max-download-bytes is 413 before any byte; an archive growing past it breaks off")
    void download() throws IOException {
        Path big = root.resolve("big.bin");
        Files.write(big, new byte[200_001]);
        var file = api.get(files("app") + "/download?path=" + q(big.toString()), admin);
        assertThat(file.status()).isEqualTo(413);
        assertThat(file.code()).isEqualTo("download-too-large");
        assertThatThrownBy(() -> api.getBytes(files("app") + "/download?path=" + q(root.toString()), admin))
                .as("the client must not take a cut archive for a whole one")
                .isInstanceOf(java.io.UncheckedIOException.class);
        Path fits = root.resolve("fits.bin");
        Files.write(fits, new byte[200_000]);
        assertThat(api.getBytes(files("app") + "/download?path=" + q(fits.toString()), admin)
                        .body())
                .hasSize(200_000);
    }

    @Test
    @DisplayName("listings stop at max-list-entries and searches at max-search-results, saying truncated")
    void lists() {
        for (int i = 0; i < 5; i++) {
            write("d/f" + i + ".txt", "match\n");
        }
        var listing = api.get(files("app") + "?path=" + q(root + "/d"), admin);
        assertThat(listing.json().path("entries").size()).isEqualTo(3);
        assertThat(listing.json().path("truncated").asBoolean()).isTrue();
        var found = api.get(files("app") + "/find?path=" + q(root.toString()) + "&name=*.txt", admin);
        assertThat(found.json().path("entries").size()).isEqualTo(2);
        assertThat(found.json().path("truncated").asBoolean()).isTrue();
        var grep = api.get(files("app") + "/grep?path=" + q(root.toString()) + "&pattern=match", admin);
        assertThat(grep.json().path("matches").size()).isEqualTo(2);
        assertThat(grep.json().path("truncated").asBoolean()).isTrue();
        assertThat(api.get(files("app") + "/grep?path=/&pattern=x&limit=3", admin)
                        .code())
                .isEqualTo("invalid-limit");
    }

    @Test
    @DisplayName("a command past operation-timeout is stopped: 504 file-operation-timeout")
    void timeout() throws Exception {
        Path fifo = root.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        var r = api.get(files("app") + "/grep?path=" + q(fifo.toString()) + "&pattern=x", admin);
        assertThat(r.status()).as(r.text()).isEqualTo(504);
        assertThat(r.code()).isEqualTo("file-operation-timeout");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
    }
}
