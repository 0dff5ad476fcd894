package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("Files in containers: browse, stat, find, grep, edit and change, with GNU tools and with BusyBox")
class FilesIT extends FilesITBase {

    private static final String ODD = "new\nline";

    private void oddTree() throws IOException {
        write("dir/a b.txt", "spaces\n");
        write("dir/" + ODD, "newline\n");
        write("dir/ünï €.txt", "non-ascii\n");
        write("dir/x:12:y", "colons\n");
        Files.createDirectories(root.resolve("dir/sub dir"));
        Files.createSymbolicLink(root.resolve("dir/link"), Path.of("a b.txt"));
        Files.createSymbolicLink(root.resolve("dir/dangling"), Path.of("/no/such/target"));
        Files.setPosixFilePermissions(root.resolve("dir/a b.txt"), PosixFilePermissions.fromString("rw-r-----"));
    }

    private static JsonNode entry(JsonNode listing, String name) {
        for (JsonNode e : listing.path("entries")) {
            if (e.path("name").asString().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no entry " + name.replace("\n", "\\n") + " in " + listing);
    }

    @Test
    @DisplayName("a listing shows names with spaces, newlines and non-ASCII exactly, with type, mode, owner, links")
    void lists() throws IOException {
        oddTree();
        for (String container : containers()) {
            var r = api.get(files(container) + "?path=" + q(root + "/dir/"), admin);
            assertThat(r.status()).as(container + ": " + r.text()).isEqualTo(200);
            JsonNode listing = r.json();
            assertThat(listing.path("path").asString()).isEqualTo(root + "/dir");
            List<String> names = new ArrayList<>();
            listing.path("entries").forEach(e -> names.add(e.path("name").asString()));
            assertThat(names)
                    .as(container)
                    .containsExactly("sub dir", "a b.txt", "dangling", "link", ODD, "x:12:y", "ünï €.txt");
            JsonNode file = entry(listing, "a b.txt");
            assertThat(file.path("type").asString()).isEqualTo("file");
            assertThat(file.path("size").asLong()).isEqualTo(7);
            assertThat(file.path("mode").asString()).isEqualTo("0640");
            assertThat(file.path("permissions").asString()).isEqualTo("-rw-r-----");
            assertThat(file.path("path").asString()).isEqualTo(root + "/dir/a b.txt");
            assertThat(file.path("uid").asLong())
                    .isEqualTo(((Number) Files.getAttribute(root.resolve("dir/a b.txt"), "unix:uid")).longValue());
            assertThat(file.path("user").asString()).isNotEmpty();
            assertThat(file.path("modified").asString()).endsWith("Z");
            assertThat(entry(listing, ODD).path("path").asString()).isEqualTo(root + "/dir/" + ODD);
            assertThat(entry(listing, "sub dir").path("permissions").asString()).startsWith("d");
            JsonNode link = entry(listing, "link");
            assertThat(link.path("type").asString()).isEqualTo("symlink");
            assertThat(link.path("linkTarget").asString()).isEqualTo("a b.txt");
            assertThat(entry(listing, "dangling").path("linkTarget").asString()).isEqualTo("/no/such/target");
            assertThat(listing.path("truncated").asBoolean()).isFalse();
        }
        assertNoShellStringFromInput();
    }

    @Test
    @DisplayName("stat describes a file or a link and what it points to; unknown paths are 404 file-not-found")
    void stat() throws IOException {
        oddTree();
        for (String container : containers()) {
            var link = api.get(files(container) + "/stat?path=" + q(root + "/dir/link"), admin);
            assertThat(link.status()).as(link.text()).isEqualTo(200);
            assertThat(link.json().path("type").asString()).isEqualTo("symlink");
            assertThat(link.json().path("targetType").asString()).isEqualTo("file");
            var dangling = api.get(files(container) + "/stat?path=" + q(root + "/dir/dangling"), admin);
            assertThat(dangling.json().path("targetType").isNull()).isTrue();
            var odd = api.get(files(container) + "/stat?path=" + q(root + "/dir/" + ODD), admin);
            assertThat(odd.json().path("name").asString()).isEqualTo(ODD);
            var missing = api.get(files(container) + "/stat?path=" + q(root + "/nothing"), admin);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("file-not-found");
            var notDir = api.get(files(container) + "?path=" + q(root + "/dir/a b.txt"), admin);
            assertThat(notDir.status()).isEqualTo(409);
            assertThat(notDir.code()).isEqualTo("not-a-directory");
        }
    }

    @Test
    @DisplayName("paths are normalised; relative paths and NUL are refused with invalid-path before any exec")
    void paths() throws IOException {
        write("dir/f.txt", "x");
        var normalised = api.get(files("app") + "?path=" + q(root + "/./dir//../dir/"), admin);
        assertThat(normalised.json().path("path").asString()).isEqualTo(root + "/dir");
        int before = mock.containers().received().size();
        for (String bad : List.of("relative/path", "", "/a\u0000b", "/" + "n".repeat(256))) {
            var r = api.get(files("app") + "/stat?path=" + q(bad), admin);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.code()).isEqualTo("invalid-path");
            assertThat(r.json().path("field").asString()).isEqualTo("path");
        }
        assertThat(mock.containers().received()).hasSize(before);
    }

    @Test
    @DisplayName("find matches names by glob under a directory, with type and depth filters and a limit")
    void find() throws IOException {
        oddTree();
        write("dir/sub dir/deep/found.log", "1");
        write("dir/sub dir/top.LOG", "2");
        for (String container : containers()) {
            String base = files(container) + "/find?path=" + q(root + "/dir");
            var logs = api.get(base + "&name=" + q("*.log"), admin);
            assertThat(logs.status()).as(logs.text()).isEqualTo(200);
            assertThat(paths(logs.json())).containsExactly(root + "/dir/sub dir/deep/found.log");
            var ci = api.get(base + "&name=" + q("*.log") + "&ignoreCase=true&maxDepth=2", admin);
            assertThat(paths(ci.json())).containsExactly(root + "/dir/sub dir/top.LOG");
            var odd = api.get(base + "&name=" + q("new*"), admin);
            assertThat(paths(odd.json())).containsExactly(root + "/dir/" + ODD);
            var dirs = api.get(base + "&name=*&type=directory", admin);
            assertThat(paths(dirs.json())).containsExactly(root + "/dir/sub dir", root + "/dir/sub dir/deep");
            var links = api.get(base + "&name=*&type=symlink", admin);
            assertThat(links.json().path("entries").get(0).path("linkTarget").asString())
                    .isIn("a b.txt", "/no/such/target");
            var limited = api.get(base + "&name=*&limit=2", admin);
            assertThat(limited.json().path("entries").size()).isEqualTo(2);
            assertThat(limited.json().path("truncated").asBoolean()).isTrue();
        }
        assertThat(api.get(files("app") + "/find?path=/&name=" + q("a/b"), admin)
                        .code())
                .isEqualTo("invalid-pattern");
        assertThat(api.get(files("app") + "/find?path=/&name=x&type=socket", admin)
                        .code())
                .isEqualTo("invalid-field");
        assertThat(api.get(files("app") + "/find?path=/&name=x&limit=0", admin).code())
                .isEqualTo("invalid-limit");
    }

    @Test
    @DisplayName("grep finds lines by literal or regex, case-insensitively, names files exactly, and stops at limit")
    void grep() throws IOException {
        write("conf/nginx.conf", "server {\n    listen 80;\n    Listen 443;\n}\n");
        write("conf/odd:1:name\nx.conf", "listen 8080;\n");
        write("conf/other.txt", "nothing here\n");
        for (String container : containers()) {
            String base = files(container) + "/grep?path=" + q(root + "/conf");
            var literal = api.get(base + "&pattern=listen", admin);
            assertThat(literal.status()).as(literal.text()).isEqualTo(200);
            assertThat(literal.json().path("engine").asString()).isEqualTo(container.equals("bb") ? "busybox" : "gnu");
            List<String> found = new ArrayList<>();
            literal.json()
                    .path("matches")
                    .forEach(m -> found.add(m.path("path").asString() + "#"
                            + m.path("line").asLong() + "#" + m.path("text").asString()));
            assertThat(found)
                    .containsExactlyInAnyOrder(
                            root + "/conf/nginx.conf#2#    listen 80;",
                            root + "/conf/odd:1:name\nx.conf#1#listen 8080;");
            var ci = api.get(base + "&pattern=LISTEN&ignoreCase=true", admin);
            assertThat(ci.json().path("matches").size()).isEqualTo(3);
            var regex = api.get(base + "&pattern=" + q("listen [0-9]{4};") + "&regex=true", admin);
            assertThat(regex.json().path("matches").size()).isEqualTo(1);
            var literalDots = api.get(base + "&pattern=" + q("listen [0-9]{4};"), admin);
            assertThat(literalDots.json().path("matches").size())
                    .as("a literal by default")
                    .isZero();
            var limited = api.get(base + "&pattern=isten&limit=1", admin);
            assertThat(limited.json().path("matches").size()).isEqualTo(1);
            assertThat(limited.json().path("truncated").asBoolean()).isTrue();
            var bad = api.get(base + "&pattern=" + q("a(") + "&regex=true", admin);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.code()).isEqualTo("invalid-regex");
        }
        assertThat(api.get(files("app") + "/grep?path=/&pattern=" + q("a\nb"), admin)
                        .code())
                .isEqualTo("invalid-pattern");
        assertNoShellStringFromInput();
    }

    @Test
    @DisplayName(
            "a text file opens with its sha256 and saves only with that checksum; a stale one is 409 and writes nothing")
    void edit() throws IOException {
        for (String container : containers()) {
            Path file = write(container + "/app.conf", "port=80\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            var read = api.get(files(container) + "/content?path=" + q(file.toString()), admin);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            assertThat(read.json().path("content").asString()).isEqualTo("port=80\n");
            String sha = read.json().path("sha256").asString();
            assertThat(sha).isEqualTo(FileEditor.sha256("port=80\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(read.json().path("file").path("mode").asString()).isEqualTo("0640");

            var saved = api.put(files(container) + "/content", body(file, "port=8080\nname=ü\n", sha, null), admin);
            assertThat(saved.status()).as(saved.text()).isEqualTo(200);
            assertThat(Files.readString(file)).isEqualTo("port=8080\nname=ü\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("mode kept")
                    .isEqualTo("rw-r-----");
            assertThat(saved.json().path("sha256").asString())
                    .isEqualTo(FileEditor.sha256("port=8080\nname=ü\n".getBytes(StandardCharsets.UTF_8)));

            var stale = api.put(files(container) + "/content", body(file, "port=9090\n", sha, null), admin);
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.code()).isEqualTo("file-changed");
            assertThat(Files.readString(file)).isEqualTo("port=8080\nname=ü\n");
            assertThat(names(file.getParent())).containsExactly("app.conf");

            Path created = file.resolveSibling("new.txt");
            var create = api.put(files(container) + "/content", body(created, "", null, true), admin);
            assertThat(create.status()).as(create.text()).isEqualTo(200);
            assertThat(Files.readString(created)).isEmpty();
            var again = api.put(files(container) + "/content", body(created, "x", null, true), admin);
            assertThat(again.code()).isEqualTo("file-exists");
            assertThat(Files.readString(created)).isEmpty();
        }
        assertNoShellStringFromInput();
    }

    @Test
    @DisplayName("editing goes through a symbolic link to its target and keeps the link")
    void editThroughLink() throws IOException {
        Path target = write("real.conf", "a\n");
        Path link = Files.createSymbolicLink(root.resolve("link.conf"), Path.of("real.conf"));
        var read = api.get(files("app") + "/content?path=" + q(link.toString()), admin);
        var saved = api.put(
                files("app") + "/content",
                body(link, "b\n", read.json().path("sha256").asString(), null),
                admin);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("b\n");
    }

    @Test
    @DisplayName("files over the edit limit are 413 file-too-large, binary files 422 file-binary, directories 409")
    void editRefusals() throws IOException {
        Path big = write("big.txt", "x".repeat(1_048_577));
        Path binary = root.resolve("bin.dat");
        Files.write(binary, new byte[] {'a', 0, 'b'});
        Path latin1 = root.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        for (String container : containers()) {
            var tooBig = api.get(files(container) + "/content?path=" + q(big.toString()), admin);
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.code()).isEqualTo("file-too-large");
            var bin = api.get(files(container) + "/content?path=" + q(binary.toString()), admin);
            assertThat(bin.status()).isEqualTo(422);
            assertThat(bin.code()).isEqualTo("file-binary");
            assertThat(api.get(files(container) + "/content?path=" + q(latin1.toString()), admin)
                            .code())
                    .isEqualTo("file-binary");
            assertThat(api.get(files(container) + "/content?path=" + q(root.toString()), admin)
                            .code())
                    .isEqualTo("is-a-directory");
        }
        Path small = write("small.txt", "s");
        String sha = FileEditor.sha256("s".getBytes(StandardCharsets.UTF_8));
        var tooLarge = api.put(files("app") + "/content", body(small, "y".repeat(1_048_577), sha, null), admin);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("file-too-large");
        var nul = api.put(files("app") + "/content", body(small, "a\u0000b", sha, null), admin);
        assertThat(nul.code()).isEqualTo("file-binary");
        var noSha = api.put(files("app") + "/content", body(small, "z", null, null), admin);
        assertThat(noSha.code()).isEqualTo("invalid-field");
        assertThat(Files.readString(small)).isEqualTo("s");
        assertThat(names(root)).containsExactlyInAnyOrder("big.txt", "bin.dat", "latin1.txt", "small.txt");
    }

    @Test
    @DisplayName("mkdir, rename, chmod, chown and delete change the container's files and refuse what they must")
    void changes() throws IOException {
        for (String container : containers()) {
            Path base = Files.createDirectories(root.resolve(container));
            String dir = base + "/new dir/sub";
            var mkdir = api.post(files(container) + "/mkdir", Map.of("path", dir, "parents", true), admin);
            assertThat(mkdir.status()).as(mkdir.text()).isEqualTo(201);
            assertThat(mkdir.json().path("type").asString()).isEqualTo("directory");
            assertThat(Files.isDirectory(Path.of(dir))).isTrue();
            assertThat(api.post(files(container) + "/mkdir", Map.of("path", dir), admin)
                            .code())
                    .isEqualTo("file-exists");
            assertThat(api.post(files(container) + "/mkdir", Map.of("path", base + "/no/such/x"), admin)
                            .code())
                    .isEqualTo("file-not-found");

            Path file = write(container + "/f.txt", "f");
            var moved = api.post(
                    files(container) + "/rename", Map.of("from", file.toString(), "to", dir + "/g.txt"), admin);
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            assertThat(moved.json().path("name").asString()).isEqualTo("g.txt");
            assertThat(Files.readString(Path.of(dir, "g.txt"))).isEqualTo("f");
            Path other = write(container + "/h.txt", "h");
            var exists = api.post(
                    files(container) + "/rename", Map.of("from", other.toString(), "to", dir + "/g.txt"), admin);
            assertThat(exists.status()).isEqualTo(409);
            assertThat(exists.code()).isEqualTo("file-exists");
            assertThat(Files.readString(Path.of(dir, "g.txt"))).isEqualTo("f");
            var replaced = api.post(
                    files(container) + "/rename",
                    Map.of("from", other.toString(), "to", dir + "/g.txt", "overwrite", true),
                    admin);
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(Files.readString(Path.of(dir, "g.txt"))).isEqualTo("h");
            assertThat(api.post(files(container) + "/rename", Map.of("from", base.toString(), "to", dir), admin)
                            .code())
                    .isEqualTo("invalid-path");

            var chmod = api.post(files(container) + "/chmod", Map.of("path", dir + "/g.txt", "mode", "0750"), admin);
            assertThat(chmod.json().path("permissions").asString()).isEqualTo("-rwxr-x---");
            var symbolic =
                    api.post(files(container) + "/chmod", Map.of("path", dir + "/g.txt", "mode", "g+w,o+r"), admin);
            assertThat(symbolic.json().path("mode").asString()).isEqualTo("0774");
            for (String bad : List.of("999", "-w", "u+q", "0755; rm -rf /")) {
                var r = api.post(files(container) + "/chmod", Map.of("path", dir, "mode", bad), admin);
                assertThat(r.code()).as(bad).isEqualTo("invalid-mode");
            }
            var chown = api.post(
                    files(container) + "/chown",
                    Map.of("path", base + "/new dir", "user", "4321", "group", "4322", "recursive", true),
                    admin);
            assertThat(chown.status()).as(chown.text()).isEqualTo(200);
            assertThat(chown.json().path("uid").asLong()).isEqualTo(4321);
            assertThat(Files.getAttribute(Path.of(dir, "g.txt"), "unix:gid")).isEqualTo(4322);
            assertThat(api.post(files(container) + "/chown", Map.of("path", dir, "user", "-R"), admin)
                            .code())
                    .isEqualTo("invalid-owner");

            var notEmpty = api.delete(files(container) + "?path=" + q(base + "/new dir"), admin);
            assertThat(notEmpty.status()).isEqualTo(409);
            assertThat(notEmpty.code()).isEqualTo("directory-not-empty");
            assertThat(Files.exists(Path.of(dir, "g.txt"))).isTrue();
            var deleted = api.delete(files(container) + "?path=" + q(base + "/new dir") + "&recursive=true", admin);
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(Files.exists(base.resolve("new dir"))).isFalse();
            assertThat(api.delete(files(container) + "?path=" + q(base + "/new dir"), admin)
                            .code())
                    .isEqualTo("file-not-found");
            assertThat(api.delete(files(container) + "?path=/", admin).code()).isEqualTo("invalid-path");
        }
        assertNoShellStringFromInput();
    }

    @Test
    @DisplayName("a batch delete reports path by path; one invalid path deletes nothing")
    void batchDelete() throws IOException {
        Path a = write("a.txt", "a");
        Path full = write("full/x", "x");
        Path link = Files.createSymbolicLink(root.resolve("l"), a.getFileName());
        var invalid = api.post(files("app") + "/delete", Map.of("paths", List.of(a.toString(), "relative")), admin);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("field").asString()).isEqualTo("paths[1]");
        assertThat(Files.exists(a)).isTrue();

        var r = api.post(
                files("app") + "/delete",
                Map.of("paths", List.of(a.toString(), full.getParent().toString(), link.toString(), root + "/none")),
                admin);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("deleted").asInt()).isEqualTo(2);
        assertThat(r.json().path("failed").asInt()).isEqualTo(2);
        var results = r.json().path("results");
        assertThat(results.get(0).path("deleted").asBoolean()).isTrue();
        assertThat(results.get(1).path("code").asString()).isEqualTo("directory-not-empty");
        assertThat(results.get(2).path("deleted").asBoolean()).isTrue();
        assertThat(results.get(3).path("code").asString()).isEqualTo("file-not-found");
        assertThat(names(root)).containsExactly("full");
    }

    private static List<String> paths(JsonNode result) {
        List<String> paths = new ArrayList<>();
        result.path("entries").forEach(e -> paths.add(e.path("path").asString()));
        return paths;
    }

    private static Map<String, Object> body(Path path, String content, String sha, Boolean create) {
        Map<String, Object> body = new HashMap<>();
        body.put("path", path.toString());
        body.put("content", content);
        body.put("sha256", sha);
        body.put("create", create);
        return body;
    }
}
