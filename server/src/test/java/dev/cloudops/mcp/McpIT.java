package dev.cloudops.mcp;

import static dev.cloudops.mcp.McpClients.call;
import static dev.cloudops.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.analysis.AnalysisEngine;
import dev.cloudops.analysis.Analyzer;
import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("MCP server over Streamable HTTP with the SDK's client (default settings: read-only tools only)")
class McpIT extends PlatformIT {

    static final List<String> READ_ONLY_TOOLS = List.of(
            "cluster_scan",
            "clusters_list",
            "config_validate",
            "cost_analyze",
            "events_list",
            "health_check",
            "performance_analyze",
            "pods_log",
            "resources_get",
            "resources_list",
            "resources_monitor",
            "security_scan");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private AnalysisEngine engine;

    private MockCluster mock;
    private String clusterName;
    private long cluster;
    private String ns;
    private McpSyncClient client;

    @BeforeEach
    void setUp() {
        mock = MockCluster.start(1);
        clusterName = unique("mcp");
        cluster = register(mock, clusterName);
        ns = mock.namespace(unique("ns"));
        mock.runningPod(ns, "web", "app");
        client = McpClients.connect(port, apiToken(admin));
    }

    @AfterEach
    void tearDown() {
        client.closeGracefully();
        mock.close();
    }

    private String apiToken(String loginToken) {
        var r = api.post("/api/auth/tokens", Map.of("name", unique("mcp"), "expiresInDays", 1), loginToken);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("token").asString();
    }

    private static JsonNode json(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isFalse();
        return JSON.readTree(text(result));
    }

    private Map<String, Object> args(Object... pairs) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("cluster", cluster);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    @DisplayName("initialize names the server; tools/list advertises the read-only tools with titles and hints only")
    void initializeAndList() {
        assertThat(client.getServerInfo().name()).isEqualTo("cloudops");
        assertThat(client.getServerCapabilities().tools()).isNotNull();
        var tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(READ_ONLY_TOOLS);
        assertThat(tools).allSatisfy(t -> {
            assertThat(t.title()).isNotBlank();
            assertThat(t.description()).isNotBlank();
            assertThat(t.inputSchema()).containsEntry("type", "object");
            assertThat(t.annotations().readOnlyHint()).isTrue();
            assertThat(t.annotations().destructiveHint()).isFalse();
        });
        assertThat(client.ping()).isNotNull();
    }

    @Test
    @DisplayName("clusters_list shows the registered cluster; other tools take its name or id")
    void clustersList() {
        var clusters = json(call(client, "clusters_list", Map.of())).path("clusters");
        assertThat(clusters.findValuesAsString("name")).contains(clusterName);
        var byName = call(client, "resources_list", Map.of("cluster", clusterName, "kind", "pods", "namespace", ns));
        assertThat(json(byName).path("items").get(0).path("name").asString()).isEqualTo("web");
    }

    @Test
    @DisplayName("resources_list answers summaries, picked fields or whole objects; resources_get one object")
    void resources() {
        var summary = json(call(client, "resources_list", args("kind", "Pod", "namespace", ns)));
        assertThat(summary.path("count").asInt()).isEqualTo(1);
        var pod = summary.path("items").get(0);
        assertThat(pod.path("phase").asString()).isEqualTo("Running");
        assertThat(pod.path("ready").asString()).isEqualTo("1/1");
        assertThat(pod.has("spec")).isFalse();

        var picked = json(call(
                client, "resources_list", args("kind", "po", "namespace", ns, "fields", List.of("spec.nodeName"))));
        assertThat(picked.path("items").get(0).path("spec.nodeName").asString()).isEqualTo("node-0");

        var got = json(call(client, "resources_get", args("kind", "pods", "namespace", ns, "name", "web")));
        assertThat(got.path("spec").path("containers").get(0).path("name").asString())
                .isEqualTo("app");
        assertThat(got.path("metadata").has("managedFields")).isFalse();

        var node = json(call(client, "resources_get", args("kind", "Node", "name", "node-0")));
        assertThat(node.path("metadata").path("name").asString()).isEqualTo("node-0");
    }

    @Test
    @DisplayName("Secret values are masked in every answer: get, list of whole objects, picked fields")
    void secretsMasked() {
        mock.create(new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace(ns)
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":{\"password\":\"x\"}}")
                .endMetadata()
                .addToData("password", "c3VwZXItc2VjcmV0")
                .addToStringData("token", "plain-token")
                .build());
        String got = text(call(client, "resources_get", args("kind", "Secret", "namespace", ns, "name", "db")));
        assertThat(got).contains("\"password\":\"***\"").doesNotContain("c3VwZXItc2VjcmV0", "plain-token");
        assertThat(got).doesNotContain("{\\\"data\\\"");
        String listed = text(call(client, "resources_list", args("kind", "secrets", "namespace", ns, "full", true)));
        assertThat(listed).contains("password").doesNotContain("c3VwZXItc2VjcmV0");
        String picked = text(call(
                client,
                "resources_get",
                args("kind", "secret", "namespace", ns, "name", "db", "fields", List.of("data.password", "data"))));
        assertThat(picked).doesNotContain("c3VwZXItc2VjcmV0").contains("***");
    }

    @Test
    @DisplayName("events_list answers a namespace's events newest first, filtered by type")
    void events() {
        for (String[] e : new String[][] {
            {"e1", "Warning", "BackOff", "2026-11-24T10:00:00Z"},
            {"e2", "Normal", "Pulled", "2026-11-24T10:05:00Z"},
            {"e3", "Warning", "Unhealthy", "2026-11-24T10:10:00Z"}
        }) {
            mock.create(new EventBuilder()
                    .withNewMetadata()
                    .withName(e[0])
                    .withNamespace(ns)
                    .endMetadata()
                    .withType(e[1])
                    .withReason(e[2])
                    .withLastTimestamp(e[3])
                    .withMessage(e[2] + " of web")
                    .withNewInvolvedObject()
                    .withKind("Pod")
                    .withName("web")
                    .withNamespace(ns)
                    .endInvolvedObject()
                    .build());
        }
        var warnings = json(call(client, "events_list", args("namespace", ns, "type", "Warning")));
        assertThat(warnings.path("events").findValuesAsString("reason")).containsExactly("Unhealthy", "BackOff");
        assertThat(warnings.path("events").get(0).path("object").asString()).isEqualTo("Pod " + ns + "/web");
        var limited = json(call(client, "events_list", args("namespace", ns, "limit", 1)));
        assertThat(limited.path("events").findValuesAsString("reason")).containsExactly("Unhealthy");
        var bad = call(client, "events_list", args("namespace", ns, "kind", "Pod"));
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("invalid-argument");
    }

    @Test
    @DisplayName("pods_log passes tail to the API server, or greps the log and keeps the newest matching lines")
    void podsLog() {
        mock.serveLog(ns, "web", "&container=app&tailLines=2&limitBytes=8388608", "b\nc\n");
        var tail = call(client, "pods_log", args("namespace", ns, "pod", "web", "container", "app", "tail", 2));
        assertThat(tail.isError()).as(text(tail)).isFalse();
        assertThat(text(tail)).isEqualTo("b\nc\n");

        mock.serveLog(
                ns,
                "web",
                "&container=app&sinceSeconds=600&limitBytes=8388608",
                "ok 1\nERROR a\nok 2\nerror b\nERROR c\n");
        var grep = call(
                client,
                "pods_log",
                args(
                        "namespace",
                        ns,
                        "pod",
                        "web",
                        "container",
                        "app",
                        "grep",
                        "error",
                        "ignoreCase",
                        true,
                        "tail",
                        2,
                        "since",
                        "10m"));
        assertThat(text(grep)).isEqualTo("[3 of 5 lines matched 'error'; the newest 2 are shown]\nerror b\nERROR c\n");

        // Without a container, the pod's only container is read (through the merge, with timestamps).
        mock.serveLog(
                ns,
                "web",
                "&container=app&tailLines=1&limitBytes=8388608&timestamps=true",
                "2026-01-01T00:00:01Z hello\n");
        var single = call(client, "pods_log", args("namespace", ns, "pod", "web", "tail", 1));
        assertThat(text(single)).as(text(single)).contains("hello");

        var badRegex = call(client, "pods_log", args("namespace", ns, "pod", "web", "grep", "(unclosed"));
        assertThat(badRegex.isError()).isTrue();
        assertThat(text(badRegex)).contains("invalid-argument", "grep");
        var noPod = call(client, "pods_log", args("namespace", ns, "pod", "nope", "container", "app"));
        assertThat(noPod.isError()).isTrue();
        assertThat(text(noPod)).startsWith("Error 404");
    }

    @Test
    @DisplayName(
            "the analyzer tools run through the analysis service; an analyzer that is not installed is a tool error")
    void analyzers() {
        mock.pod(ns, "crashy", Map.of("app", "crashy"), "app");
        mock.client().pods().inNamespace(ns).withName("crashy").editStatus(p -> {
            p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                    .withPhase("Running")
                    .addNewContainerStatus()
                    .withName("app")
                    .withImage("app:1")
                    .withReady(false)
                    .withRestartCount(7)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("back-off 5m0s restarting failed container")
                    .endWaiting()
                    .endState()
                    .endContainerStatus()
                    .build());
            return p;
        });
        var scan = json(call(client, "cluster_scan", args("namespace", ns)));
        assertThat(scan.has("scores")).isTrue();
        assertThat(scan.path("analyzers").size()).isEqualTo(engine.analyzers().size());
        var installed = engine.analyzers().stream().map(Analyzer::name).toList();
        Map<String, String> tools = Map.of(
                "health_check", "health",
                "config_validate", "config",
                "security_scan", "security",
                "resources_monitor", "resources",
                "performance_analyze", "performance",
                "cost_analyze", "cost");
        tools.forEach((tool, analyzer) -> {
            var result = call(client, tool, args("namespace", ns));
            if (installed.contains(analyzer)) {
                assertThat(json(result).path("analyzers").get(0).asString()).isEqualTo(analyzer);
                if (analyzer.equals("health")) {
                    // The pod's status reaches the informer cache the scan reads a moment after the change.
                    org.awaitility.Awaitility.await()
                            .atMost(java.time.Duration.ofSeconds(20))
                            .untilAsserted(() -> assertThat(text(call(client, tool, args("namespace", ns))))
                                    .contains("Pod " + ns + "/crashy", "CrashLoopBackOff")
                                    .doesNotContain("Pod " + ns + "/web\""));
                }
            } else {
                assertThat(result.isError()).isTrue();
                assertThat(text(result)).contains("analyzer-unavailable", "'" + analyzer + "'");
            }
        });
    }

    @Test
    @DisplayName("config_validate checks a manifest offline; a manifest that is not YAML is a tool error")
    void configOffline() {
        var notYaml = call(client, "config_validate", Map.of("manifest", "kind: [unclosed"));
        assertThat(notYaml.isError()).isTrue();
        if (engine.analyzers().stream().anyMatch(a -> a.name().equals("config"))) {
            assertThat(text(notYaml)).contains("invalid-yaml");
            var ok = call(
                    client,
                    "config_validate",
                    Map.of(
                            "manifest",
                            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w, namespace: x}\n"
                                    + "spec: {template: {spec: {containers: [{name: c, image: 'nginx:latest'}]}}}\n"));
            assertThat(json(ok).path("source").asString()).isNotBlank();
        } else {
            assertThat(text(notYaml)).contains("analyzer-unavailable");
        }
    }

    @Test
    @DisplayName(
            "bad input: schema violations and unknown clusters are tool errors; an unknown tool is the SDK's error")
    void badInput() {
        var missing = call(client, "resources_list", args("namespace", ns));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).startsWith("Error 400 invalid-arguments").contains("kind");
        var extra = call(client, "resources_list", args("kind", "pods", "namespace", ns, "bogus", 1));
        assertThat(extra.isError()).isTrue();
        assertThat(text(extra)).contains("invalid-arguments", "bogus");
        var wrongType = call(client, "events_list", args("limit", "ten"));
        assertThat(wrongType.isError()).isTrue();
        var unknown = call(client, "resources_list", Map.of("cluster", "no-such-cluster", "kind", "pods"));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("cluster-not-found");
        var unknownKind = call(client, "resources_list", args("kind", "Gizmo", "namespace", ns));
        assertThat(unknownKind.isError()).isTrue();
        assertThat(text(unknownKind)).contains("Gizmo").doesNotContain("Exception", "\tat ");
        assertThatThrownBy(() -> call(client, "pods_delete_all", Map.of()))
                .isInstanceOf(McpError.class)
                .hasMessageContaining("Unknown tool")
                .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
    }

    @Test
    @DisplayName("a namespace outside the user's grants is refused as a tool error; their own namespace works")
    void grants() {
        String viewer = apiToken(userWith(List.of(grant("VIEWER", cluster, ns))));
        McpSyncClient scoped = McpClients.connect(port, viewer);
        try {
            var own = call(scoped, "resources_list", args("kind", "pods", "namespace", ns));
            assertThat(json(own).path("count").asInt()).isEqualTo(1);
            var other = call(scoped, "resources_list", args("kind", "pods", "namespace", "kube-system"));
            assertThat(other.isError()).isTrue();
            assertThat(text(other)).startsWith("Error 403 forbidden");
            var everywhere = call(scoped, "resources_list", args("kind", "pods"));
            assertThat(everywhere.isError()).isTrue();
            var scan = call(scoped, "cluster_scan", args("namespace", "kube-system"));
            assertThat(scan.isError()).isTrue();
            assertThat(text(scan)).contains("403");
        } finally {
            scoped.closeGracefully();
        }
    }

    @Test
    @DisplayName("without a token or with a revoked one /mcp answers 401 before any MCP processing")
    void unauthorized() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        var created = api.post("/api/auth/tokens", Map.of("name", unique("rev"), "expiresInDays", 1), admin);
        String token = created.json().path("token").asString();
        assertThat(post(body, token).statusCode()).isEqualTo(200);
        api.delete("/api/auth/tokens/" + created.json().path("id").asLong(), admin);
        var revoked = post(body, token);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("invalid-token").doesNotContain("jsonrpc");
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("every tool call is audited with the user, the tool, redacted arguments and the outcome")
    void audited() {
        call(client, "resources_list", args("kind", "pods", "namespace", ns));
        call(client, "resources_list", args("kind", "pods", "namespace", ns, "bogus", "password"));
        call(
                client,
                "config_validate",
                Map.of(
                        "manifest",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: hunter2}\n"));
        var rows = jdbc.sql("SELECT username, action, method, result, status_code, cluster_id, namespace_name, detail"
                        + " FROM audit_events WHERE action LIKE 'MCP tools/call %' ORDER BY id DESC")
                .query()
                .listOfRows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        var validate = rows.get(0);
        assertThat(validate.get("ACTION")).isEqualTo("MCP tools/call config_validate");
        assertThat(validate.get("USERNAME")).isEqualTo("admin");
        assertThat((String) validate.get("DETAIL")).contains("Secret").doesNotContain("hunter2");
        var refused = rows.get(1);
        assertThat(refused.get("RESULT")).isEqualTo("failure");
        assertThat(refused.get("STATUS_CODE")).isEqualTo(400);
        assertThat((String) refused.get("DETAIL")).contains("invalid-arguments");
        var listed = rows.get(2);
        assertThat(listed.get("ACTION")).isEqualTo("MCP tools/call resources_list");
        assertThat(listed.get("RESULT")).isEqualTo("success");
        assertThat(((Number) listed.get("CLUSTER_ID")).longValue()).isEqualTo(cluster);
        assertThat(listed.get("NAMESPACE_NAME")).isEqualTo(ns);
    }
}
