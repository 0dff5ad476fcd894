package dev.cloudops.container.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("File access: targets, rights, history and audit, and the OpenAPI document")
class FileAccessIT extends FilesITBase {

    @Test
    @DisplayName("unknown cluster, namespace, pod or container and a container that is not running get their codes")
    void targets() throws IOException {
        mock.pod(ns, "waiting", Map.of(), "app");
        Path file = write("f.txt", "f");
        String query = "/files/stat?path=" + q(file.toString());
        String base = "/api/k8s/containers/";
        var cluster = api.get(base + "987654/" + ns + "/web/app" + query, admin);
        assertThat(cluster.status()).isEqualTo(404);
        assertThat(cluster.code()).isEqualTo("cluster-not-found");
        var namespace = api.get(base + this.cluster + "/no-such-ns/web/app" + query, admin);
        assertThat(namespace.status()).isEqualTo(404);
        assertThat(namespace.code()).isEqualTo("kube-not-found");
        var pod = api.get(base + this.cluster + "/" + ns + "/nope/app" + query, admin);
        assertThat(pod.code()).isEqualTo("kube-not-found");
        var container = api.get(base + this.cluster + "/" + ns + "/web/other" + query, admin);
        assertThat(container.status()).isEqualTo(404);
        assertThat(container.code()).isEqualTo("container-not-found");
        var waiting = api.get(base + this.cluster + "/" + ns + "/waiting/app" + query, admin);
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.code()).isEqualTo("container-not-running");
        var badName = api.get(base + this.cluster + "/" + ns + "/Bad_Pod/app" + query, admin);
        assertThat(badName.code()).isEqualTo("invalid-name");
        var upload = api.postBytes(
                base + this.cluster + "/" + ns + "/waiting/app/files/upload?path=" + q(root.toString()),
                new byte[1024],
                "application/x-tar",
                admin);
        assertThat(upload.code()).isEqualTo("container-not-running");
        assertThat(mock.containers().received()).isEmpty();
        assertThat(names(root)).containsExactly("f.txt");
    }

    @Test
    @DisplayName("viewers read files but may not change them; nothing is written and the refusal is audited")
    void rights() throws IOException {
        Path file = write("conf.txt", "v1");
        String viewer = userWith(List.of(grant("VIEWER", cluster, ns)));
        String operator = userWith(List.of(grant("OPERATOR", cluster, ns)));
        String elsewhere = userWith(List.of(grant("OPERATOR", cluster, "other-namespace")));

        var read = api.get(files("app") + "/content?path=" + q(file.toString()), viewer);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(api.get(files("app") + "?path=" + q(root.toString()), viewer).status())
                .isEqualTo(200);
        assertThat(api.get(files("app") + "/download?path=" + q(file.toString()), viewer)
                        .status())
                .isEqualTo(200);
        String sha = read.json().path("sha256").asString();
        int execs = mock.containers().received().size();

        var save = api.put(
                files("app") + "/content", Map.of("path", file.toString(), "content", "v2", "sha256", sha), viewer);
        assertThat(save.status()).isEqualTo(403);
        assertThat(save.code()).isEqualTo("forbidden");
        assertThat(api.post(files("app") + "/mkdir", Map.of("path", root + "/d"), viewer)
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(files("app") + "?path=" + q(file.toString()), viewer)
                        .status())
                .isEqualTo(403);
        assertThat(api.postFiles(
                                files("app") + "/upload?path=" + q(root.toString()),
                                "file",
                                Map.of("x.txt", new byte[1]),
                                viewer)
                        .status())
                .isEqualTo(403);
        assertThat(api.get(files("app") + "?path=/", elsewhere).status()).isEqualTo(403);
        assertThat(mock.containers().received()).hasSize(execs);
        assertThat(Files.readString(file)).isEqualTo("v1");
        assertThat(names(root)).containsExactly("conf.txt");
        var denied = api.get("/api/audit?result=denied&clusterId=" + cluster, admin);
        assertThat(denied.text()).contains("/files/content", "/files/mkdir", "/files/upload");

        var saved = api.put(
                files("app") + "/content", Map.of("path", file.toString(), "content", "v2", "sha256", sha), operator);
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        assertThat(Files.readString(file)).isEqualTo("v2");
    }

    @Test
    @DisplayName("every change is in the container's file history with user, paths and outcome, and in the audit trail")
    void history() throws IOException {
        Path file = write("a.txt", "a");
        String operator = userWith(List.of(grant("OPERATOR", cluster, ns)));
        api.post(files("app") + "/mkdir", Map.of("path", root + "/made"), operator);
        api.post(files("app") + "/mkdir", Map.of("path", root + "/made"), operator);
        api.post(files("app") + "/chmod", Map.of("path", file.toString(), "mode", "600"), operator);
        api.get(files("app") + "?path=" + q(root.toString()), operator);

        var history = api.get(files("app") + "/history", operator);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().path("total").asInt())
                .as("reads are not changes")
                .isEqualTo(3);
        var items = history.json().path("items");
        assertThat(items.get(0).path("command").asString()).isEqualTo("chmod 600 " + file);
        assertThat(items.get(0).path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(items.get(0).path("kind").asString()).isEqualTo("FILE");
        assertThat(items.get(1).path("outcome").asString()).isEqualTo("FAILED");
        assertThat(items.get(1).path("detail").asString()).startsWith("file-exists");
        assertThat(items.get(2).path("command").asString()).isEqualTo("mkdir " + root + "/made");
        assertThat(items.get(2).path("username").asString()).isNotEqualTo("admin");

        var audit = api.get("/api/audit?clusterId=" + cluster, admin);
        assertThat(audit.text()).contains("/files/mkdir", "/files/chmod");
    }

    @Test
    @DisplayName("every file endpoint is in the OpenAPI document with its problem codes")
    void openApi() {
        var doc = api.get("/v3/api-docs", null).json().path("paths");
        String files = "/api/k8s/containers/{clusterId}/{namespace}/{pod}/{container}/files";
        assertThat(doc.path(files).has("get")).isTrue();
        assertThat(doc.path(files).has("delete")).isTrue();
        for (String get : List.of("/stat", "/find", "/grep", "/content", "/download", "/history")) {
            assertThat(doc.path(files + get).has("get")).as(get).isTrue();
        }
        for (String post : List.of("/upload", "/mkdir", "/rename", "/chmod", "/chown", "/delete")) {
            assertThat(doc.path(files + post).has("post")).as(post).isTrue();
        }
        assertThat(doc.path(files + "/content").has("put")).isTrue();
        assertThat(doc.path(files + "/content").path("put").path("description").asString())
                .contains("file-changed", "file-too-large", "file-binary");
        assertThat(doc.path(files + "/upload")
                        .path("post")
                        .path("requestBody")
                        .path("content")
                        .toString())
                .contains("multipart/form-data", "application/x-tar");
        assertThat(doc.path(files + "/upload").path("post").path("description").asString())
                .contains("unsafe-archive-entry");
    }
}
