package dev.cloudops.mcp;

import static dev.cloudops.mcp.McpClients.call;
import static dev.cloudops.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("MCP safety settings: destructive tools enabled, allowed namespaces, denied kinds, output budget")
@TestPropertySource(
        properties = {
            "cloudops.mcp.allow-destructive=true",
            "cloudops.mcp.allowed-namespaces=" + McpSafetyIT.ALLOWED + "," + McpSafetyIT.ALSO_ALLOWED,
            "cloudops.mcp.denied-kinds=Secret",
            "cloudops.mcp.max-output-chars=2000"
        })
class McpSafetyIT extends PlatformIT {

    static final String ALLOWED = "mcp-allowed";
    static final String ALSO_ALLOWED = "mcp-also";
    static final Path SNAPSHOT = Path.of("src/test/resources/dev/cloudops/mcp/tools.snapshot.json");
    static final Path DOCS = Path.of("../docs/mcp-tools.md");
    private static final boolean UPDATE = Boolean.getBoolean("mcp.snapshot.update");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private MockCluster mock;
    private long cluster;
    private McpSyncClient client;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        cluster = register(mock, unique("safe"));
        mock.namespace(ALLOWED);
        mock.namespace(ALSO_ALLOWED);
        mock.namespace("mcp-other");
        mock.runningPod(ALLOWED, "web", "app");
        var token = api.post("/api/auth/tokens", Map.of("name", unique("t"), "expiresInDays", 1), admin);
        client = McpClients.connect(port, token.json().path("token").asString());
    }

    @AfterEach
    void tearDown() {
        client.closeGracefully();
        mock.close();
    }

    private Map<String, Object> args(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        map.put("cluster", cluster);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private ConfigMap configMap(String namespace, String name) {
        return mock.client().configMaps().inNamespace(namespace).withName(name).get();
    }

    @Test
    @DisplayName("the advertised tool list matches its snapshot and docs/mcp-tools.md; no tool is read-only and"
            + " destructive")
    void snapshot() throws IOException {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .contains("resources_apply", "resources_delete", "pods_exec")
                .containsAll(McpIT.READ_ONLY_TOOLS)
                .hasSize(McpIT.READ_ONLY_TOOLS.size() + 3);
        assertThat(tools)
                .allSatisfy(t -> assertThat(Boolean.TRUE.equals(t.annotations().readOnlyHint())
                                && Boolean.TRUE.equals(t.annotations().destructiveHint()))
                        .as(t.name() + " is both read-only and destructive")
                        .isFalse());
        assertThat(tools.stream()
                        .filter(t -> Boolean.TRUE.equals(t.annotations().destructiveHint())))
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder("resources_apply", "resources_delete", "pods_exec");

        List<Map<String, Object>> advertised = tools.stream()
                .map(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", t.name());
                    m.put("title", t.title());
                    m.put("annotations", t.annotations());
                    m.put("inputSchema", t.inputSchema());
                    return m;
                })
                .toList();
        String snapshot = JSON.writeValueAsString(advertised) + "\n";
        String docs = ToolCatalog.markdown(tools);
        if (UPDATE) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, snapshot, StandardCharsets.UTF_8);
            Files.writeString(DOCS, docs, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).as("rewrite with -Dmcp.snapshot.update=true").exists();
        assertThat(Files.readString(SNAPSHOT, StandardCharsets.UTF_8))
                .as("the advertised tool list changed; rewrite the snapshot with -Dmcp.snapshot.update=true")
                .isEqualTo(snapshot);
        assertThat(Files.readString(DOCS, StandardCharsets.UTF_8))
                .as("docs/mcp-tools.md is generated; rewrite it with -Dmcp.snapshot.update=true")
                .isEqualTo(docs);
    }

    @Test
    @DisplayName("resources_apply dry-runs, applies and is audited with Secret data redacted; resources_delete deletes")
    void applyAndDelete() {
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n";
        var dry = call(client, "resources_apply", args("manifest", manifest, "namespace", ALLOWED, "dryRun", true));
        assertThat(dry.isError()).as(text(dry)).isFalse();
        assertThat(text(dry)).contains("\"dryRun\":true", "CREATED");
        assertThat(configMap(ALLOWED, "settings")).isNull();

        var applied = call(client, "resources_apply", args("manifest", manifest, "namespace", ALLOWED));
        assertThat(applied.isError()).as(text(applied)).isFalse();
        assertThat(configMap(ALLOWED, "settings").getData()).containsEntry("mode", "fast");

        var deleted =
                call(client, "resources_delete", args("kind", "ConfigMap", "namespace", ALLOWED, "name", "settings"));
        assertThat(deleted.isError()).as(text(deleted)).isFalse();
        assertThat(configMap(ALLOWED, "settings")).isNull();
    }

    @Test
    @DisplayName("namespaces outside the allowed ones and denied kinds are refused, and nothing is written")
    void restrictions() {
        String other = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: mcp-other}\n";
        var outside = call(client, "resources_apply", args("manifest", other));
        assertThat(outside.isError()).isTrue();
        assertThat(text(outside)).contains("namespace-not-allowed", "mcp-other");
        assertThat(configMap("mcp-other", "x")).isNull();

        String mixed = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\n---\n"
                + "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: hunter2}\n";
        var secret = call(client, "resources_apply", args("manifest", mixed, "namespace", ALLOWED));
        assertThat(secret.isError()).isTrue();
        assertThat(text(secret)).contains("kind-denied");
        assertThat(configMap(ALLOWED, "y")).isNull();
        assertThat(mock.client().secrets().inNamespace(ALLOWED).withName("s").get())
                .isNull();

        String clusterScoped = "apiVersion: v1\nkind: Namespace\nmetadata: {name: mcp-new}\n";
        var namespaceDoc = call(client, "resources_apply", args("manifest", clusterScoped));
        assertThat(namespaceDoc.isError()).isTrue();
        assertThat(text(namespaceDoc)).contains("namespace-required");
        assertThat(mock.client().namespaces().withName("mcp-new").get()).isNull();

        mock.create(new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(ALLOWED)
                .endMetadata()
                .addToStringData("password", "x")
                .build());
        for (String kind : List.of("Secret", "secrets")) {
            var get = call(client, "resources_get", args("kind", kind, "namespace", ALLOWED, "name", "db"));
            assertThat(get.isError()).isTrue();
            assertThat(text(get)).contains("kind-denied");
        }
        var deleteSecret = call(client, "resources_delete", args("kind", "secret", "namespace", ALLOWED, "name", "db"));
        assertThat(deleteSecret.isError()).isTrue();
        assertThat(mock.client().secrets().inNamespace(ALLOWED).withName("db").get())
                .isNotNull();

        var everywhere = call(client, "resources_list", args("kind", "pods"));
        assertThat(everywhere.isError()).isTrue();
        assertThat(text(everywhere)).contains("namespace-required", ALLOWED);
        var outsideList = call(client, "resources_list", args("kind", "pods", "namespace", "mcp-other"));
        assertThat(text(outsideList)).contains("namespace-not-allowed");
        var scan = call(client, "cluster_scan", args());
        assertThat(text(scan)).contains("namespace-required");
        var offline = call(
                client,
                "config_validate",
                Map.of("manifest", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: z}\n"));
        assertThat(text(offline)).doesNotContain("namespace-required");
    }

    @Test
    @DisplayName("pods_exec runs a command through the exec service and answers its output")
    void exec() {
        var result = call(
                client,
                "pods_exec",
                args("namespace", ALLOWED, "pod", "web", "container", "app", "command", List.of("echo", "hello")));
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(text(result)).contains("\"stdout\":\"hello\\n\"", "\"exitCode\":0");
        var outside = call(
                client,
                "pods_exec",
                args("namespace", "mcp-other", "pod", "web", "container", "app", "command", List.of("id")));
        assertThat(outside.isError()).isTrue();
        assertThat(mock.containers().received()).hasSize(1);
    }

    @Test
    @DisplayName("answers over the budget are cut to it and say how to narrow: lists keep whole items, logs the end")
    void budget() {
        for (int i = 0; i < 40; i++) {
            mock.pod(ALSO_ALLOWED, "pod-" + i, Map.of("app", "many"), "c");
        }
        var listed = call(client, "resources_list", args("kind", "pods", "namespace", ALSO_ALLOWED));
        assertThat(listed.isError()).as(text(listed)).isFalse();
        String text = text(listed);
        assertThat(text.length()).isLessThanOrEqualTo(2000);
        var json = JsonMapper.builder().build().readTree(text);
        assertThat(json.path("truncated").path("total").asInt()).isEqualTo(40);
        assertThat(json.path("truncated").path("shown").asInt())
                .isEqualTo(json.path("items").size())
                .isBetween(1, 39);
        assertThat(json.path("truncated").path("narrow").asString()).contains("labelSelector");

        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            log.append("line ").append(i).append(" of the log\n");
        }
        mock.serveLog(ALLOWED, "web", "&container=app&tailLines=200&limitBytes=8388608", log.toString());
        var logged = call(client, "pods_log", args("namespace", ALLOWED, "pod", "web", "container", "app"));
        String logText = text(logged);
        assertThat(logText.length()).isLessThanOrEqualTo(2000);
        assertThat(logText)
                .startsWith("[truncated: showing the last")
                .contains("grep")
                .endsWith("line 299 of the log\n");
    }
}
