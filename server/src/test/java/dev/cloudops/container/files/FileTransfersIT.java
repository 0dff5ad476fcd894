package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("File transfers: tar and multipart uploads staged and validated, file and archive downloads")
class FileTransfersIT extends FilesITBase {

    /** Builds a tar archive in memory; names are kept exactly as given (absolute ones too). */
    private static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, "UTF-8");

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        }

        Tar file(String name, byte[] data, int mode) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name, true);
                e.setSize(data.length);
                e.setMode(0100000 | mode);
                out.putArchiveEntry(e);
                out.write(data);
                out.closeArchiveEntry();
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Tar file(String name, String text) {
            return file(name, text.getBytes(StandardCharsets.UTF_8), 0644);
        }

        Tar dir(String name) {
            return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true));
        }

        Tar link(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(target);
            return entry(e);
        }

        Tar hardLink(String name, String target) {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(target);
            return entry(e);
        }

        Tar fifo(String name) {
            return entry(new TarArchiveEntry(name, TarConstants.LF_FIFO, true));
        }

        private Tar entry(TarArchiveEntry e) {
            try {
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
                return this;
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }

        byte[] bytes() {
            try {
                out.finish();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private String upload(String container, Path dir, boolean overwrite) {
        return files(container) + "/upload?path=" + q(dir.toString()) + (overwrite ? "&overwrite=true" : "");
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    @Test
    @DisplayName("a tar stream lands in the directory: nested names, non-ASCII, links, modes; owners not restored")
    void tarUpload() throws IOException {
        byte[] big = random(3_000_000);
        for (String container : containers()) {
            Path dir = Files.createDirectories(root.resolve(container));
            byte[] tar = new Tar()
                    .dir("./site")
                    .file("./site/index.html", "<h1>hi</h1>")
                    .file("site/ünï code.txt", "ü")
                    .file("site/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 04755)
                    .file("big.bin", big, 0600)
                    .link("site/current", "index.html")
                    .hardLink("site/same.html", "site/index.html")
                    .bytes();
            var r = api.postBytes(upload(container, dir, false), tar, "application/x-tar", admin);
            assertThat(r.status()).as(container + ": " + r.text()).isEqualTo(201);
            assertThat(r.json().path("files").asInt()).isEqualTo(4);
            assertThat(r.json().path("directories").asInt()).isEqualTo(1);
            assertThat(r.json().path("links").asInt()).isEqualTo(2);
            assertThat(r.json().path("bytes").asLong()).isEqualTo(big.length + 11 + 2 + 10);
            assertThat(Files.readString(dir.resolve("site/index.html"))).isEqualTo("<h1>hi</h1>");
            assertThat(Files.readString(dir.resolve("site/ünï code.txt"))).isEqualTo("ü");
            assertThat(Files.readAllBytes(dir.resolve("big.bin"))).isEqualTo(big);
            assertThat(Files.readSymbolicLink(dir.resolve("site/current"))).isEqualTo(Path.of("index.html"));
            assertThat(Files.readString(dir.resolve("site/same.html"))).isEqualTo("<h1>hi</h1>");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("site/run.sh"))))
                    .as("set-user-ID dropped")
                    .isEqualTo("rwxr-xr-x");
            assertThat(names(dir)).containsExactly("big.bin", "site");
        }
        assertNoShellStringFromInput();
    }

    @Test
    @DisplayName("../, absolute, NUL-free-but-escaping link and device entries are refused and leave nothing behind")
    void tarSlip() throws IOException {
        byte[] big = random(2_000_000);
        Map<String, Tar> cases = new LinkedHashMap<>();
        cases.put("../ entry", new Tar().file("ok.bin", big, 0644).file("../evil.txt", "x"));
        cases.put("nested ../", new Tar().file("ok.bin", big, 0644).file("a/../../evil.txt", "x"));
        cases.put("absolute", new Tar().file("ok.bin", big, 0644).file("/tmp/evil.txt", "x"));
        cases.put("link out", new Tar().file("ok.bin", big, 0644).link("up", "../../etc"));
        cases.put("absolute link", new Tar().file("ok.bin", big, 0644).link("etc", "/etc"));
        cases.put(
                "through link",
                new Tar().link("d", "sub").file("ok.bin", big, 0644).file("d/x", "x"));
        cases.put("hard link out", new Tar().file("ok.bin", big, 0644).hardLink("h", "../../etc/passwd"));
        cases.put("fifo", new Tar().file("ok.bin", big, 0644).fifo("pipe"));
        Map<String, byte[]> bad = new LinkedHashMap<>();
        cases.forEach((name, tar) -> bad.put(name, tar.bytes()));
        for (String container : containers()) {
            Path dir = Files.createDirectories(root.resolve(container + "/target"));
            write(container + "/target/keep.txt", "keep");
            for (var c : bad.entrySet()) {
                var r = api.postBytes(upload(container, dir, true), c.getValue(), "application/x-tar", admin);
                assertThat(r.status())
                        .as(container + " " + c.getKey() + ": " + r.text())
                        .isEqualTo(400);
                assertThat(r.code()).isEqualTo("unsafe-archive-entry");
                assertThat(names(dir)).as(container + " " + c.getKey()).containsExactly("keep.txt");
                assertThat(names(dir.getParent())).containsExactly("target");
            }
        }
        var history = api.get(files("app") + "/history", admin);
        assertThat(history.json().path("items").get(0).path("outcome").asString())
                .isEqualTo("FAILED");
        assertThat(history.json().path("items").get(0).path("detail").asString())
                .startsWith("unsafe-archive-entry");
    }

    @Test
    @DisplayName("existing files are replaced only with overwrite=true; directories merge; refusals write nothing")
    void overwrite() throws IOException {
        Path dir = Files.createDirectories(root.resolve("t"));
        write("t/conf/a.txt", "old a");
        write("t/conf/b.txt", "old b");
        byte[] tar = new Tar()
                .file("conf/a.txt", "new a")
                .file("conf/c.txt", "new c")
                .file("top.txt", "top")
                .bytes();
        var refused = api.postBytes(upload("app", dir, false), tar, "application/x-tar", admin);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("file-exists");
        assertThat(refused.json().path("detail").asString()).contains(dir + "/conf");
        assertThat(names(dir)).containsExactly("conf");
        assertThat(names(dir.resolve("conf"))).containsExactly("a.txt", "b.txt");

        var merged = api.postBytes(upload("app", dir, true), tar, "application/x-tar", admin);
        assertThat(merged.status()).as(merged.text()).isEqualTo(201);
        assertThat(merged.json().path("names").toString()).contains("conf", "top.txt");
        assertThat(Files.readString(dir.resolve("conf/a.txt"))).isEqualTo("new a");
        assertThat(Files.readString(dir.resolve("conf/b.txt"))).isEqualTo("old b");
        assertThat(Files.readString(dir.resolve("conf/c.txt"))).isEqualTo("new c");
        assertThat(names(dir)).containsExactly("conf", "top.txt");
    }

    @Test
    @DisplayName("multipart files and gzip tar streams upload too; bad bodies and targets are refused")
    void multipartAndGzip() throws IOException {
        for (String container : containers()) {
            Path dir = Files.createDirectories(root.resolve(container));
            Map<String, byte[]> parts = new LinkedHashMap<>();
            parts.put("report one.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
            parts.put("sub/deep.txt", "deep".getBytes(StandardCharsets.UTF_8));
            var r = api.postFiles(upload(container, dir, false), "file", parts, admin);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(r.json().path("files").asInt()).isEqualTo(2);
            assertThat(Files.readString(dir.resolve("report one.csv"))).isEqualTo("a,b\n");
            assertThat(Files.readString(dir.resolve("sub/deep.txt"))).isEqualTo("deep");

            var escape = api.postFiles(upload(container, dir, true), "file", Map.of("../x.txt", new byte[1]), admin);
            assertThat(escape.code()).isEqualTo("unsafe-archive-entry");
            assertThat(Files.exists(dir.resolveSibling("x.txt"))).isFalse();

            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(new Tar().file("zipped.txt", "z").bytes());
            }
            var zipped = api.postBytes(upload(container, dir, false), gz.toByteArray(), "application/gzip", admin);
            assertThat(zipped.status()).as(zipped.text()).isEqualTo(201);
            assertThat(Files.readString(dir.resolve("zipped.txt"))).isEqualTo("z");
        }
        Path dir = root.resolve("app");
        var garbage = api.postBytes(upload("app", dir, false), "not a tar".getBytes(), "application/x-tar", admin);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.code()).isEqualTo("malformed-archive");
        byte[] truncated =
                Arrays.copyOf(new Tar().file("t.bin", random(100_000), 0644).bytes(), 20_000);
        var cut = api.postBytes(upload("app", dir, false), truncated, "application/x-tar", admin);
        assertThat(cut.status()).isEqualTo(400);
        assertThat(Files.exists(dir.resolve("t.bin"))).isFalse();
        var notDir = api.postBytes(
                upload("app", dir.resolve("zipped.txt"), false),
                new Tar().file("a", "a").bytes(),
                "application/x-tar",
                admin);
        assertThat(notDir.code()).isEqualTo("not-a-directory");
        var missing = api.postBytes(
                upload("app", root.resolve("none"), false),
                new Tar().file("a", "a").bytes(),
                "application/x-tar",
                admin);
        assertThat(missing.code()).isEqualTo("file-not-found");
        var noParts = api.postFiles(upload("app", dir, false), "other", Map.of("a.txt", new byte[1]), admin);
        assertThat(noParts.code()).isEqualTo("missing-parameter");
        assertThat(names(dir)).containsExactly("report one.csv", "sub", "zipped.txt");
    }

    @Test
    @DisplayName("a file downloads as its bytes with its length; a directory or several paths as one tar (or tgz)")
    void download() throws IOException {
        byte[] data = random(1_500_000);
        Files.createDirectories(root.resolve("site/img"));
        Files.write(root.resolve("site/img/logo.bin"), data);
        write("site/index.html", "<h1>hi</h1>");
        write("other/ünï.txt", "u");
        Files.createSymbolicLink(root.resolve("site/current"), Path.of("index.html"));
        for (String container : containers()) {
            String base = files(container) + "/download?path=";
            var file = api.getBytes(base + q(root + "/site/img/logo.bin"), admin);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.contentType()).isEqualTo("application/octet-stream");
            assertThat(file.headers().firstValue("Content-Length")).contains("1500000");
            assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                    .contains("logo.bin");
            assertThat(file.body()).isEqualTo(data);
            var empty = api.getBytes(base + q(write("empty", "").toString()), admin);
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).isEmpty();

            var dir = api.getBytes(base + q(root + "/site"), admin);
            assertThat(dir.status()).isEqualTo(200);
            assertThat(dir.contentType()).isEqualTo("application/x-tar");
            Map<String, byte[]> entries = untar(dir.body(), false);
            assertThat(entries).containsKeys("site/", "site/img/", "site/index.html", "site/current");
            assertThat(entries.get("site/img/logo.bin")).isEqualTo(data);

            var batch = api.getBytes(
                    base + q(root + "/site/index.html") + "&path=" + q(root + "/other") + "&path=" + q(root + "/site")
                            + "&format=tgz",
                    admin);
            assertThat(batch.status()).isEqualTo(200);
            assertThat(batch.contentType()).isEqualTo("application/gzip");
            Map<String, byte[]> both = untar(batch.body(), true);
            assertThat(both.keySet()).contains("site/index.html", "other/ünï.txt");
            assertThat(both.keySet().stream().filter(n -> n.equals("site/index.html")))
                    .as("a path inside another is archived once")
                    .hasSize(1);

            var missing = api.get(base + q(root + "/none"), admin);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("file-not-found");
            var missingInBatch = api.get(base + q(root + "/site") + "&path=" + q(root + "/none"), admin);
            assertThat(missingInBatch.code()).isEqualTo("file-not-found");
            assertThat(missingInBatch.json().path("detail").asString()).contains("none");
            assertThat(api.get(base + q("/dev/null"), admin).code()).isEqualTo("not-a-regular-file");
            assertThat(api.get(base + q(root + "/site") + "&format=zip", admin).code())
                    .isEqualTo("invalid-field");
        }
        assertNoShellStringFromInput();
    }

    private static Map<String, byte[]> untar(byte[] body, boolean gzip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(
                gzip ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                order.add(name);
                entries.put(name, in.readAllBytes());
            }
        }
        assertThat(order).doesNotHaveDuplicates();
        return entries;
    }
}
