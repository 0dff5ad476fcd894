package dev.cloudops.mcp;

import static dev.cloudops.mcp.McpClients.call;
import static dev.cloudops.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.MockCluster;
import dev.cloudops.testing.PlatformIT;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@DisplayName("MCP read-only mode: destructive tools are neither listed nor run, even when allowed")
@TestPropertySource(properties = {"cloudops.mcp.allow-destructive=true", "cloudops.mcp.read-only=true"})
class McpReadOnlyIT extends PlatformIT {

    @Test
    @DisplayName("a destructive tool while read-only is a tool error, audited as denied, and changes nothing")
    void readOnly() {
        try (MockCluster mock = MockCluster.start(1)) {
            long cluster = register(mock, unique("ro"));
            String ns = mock.namespace(unique("ns"));
            mock.create(new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("keep")
                    .withNamespace(ns)
                    .endMetadata()
                    .build());
            var token = api.post("/api/auth/tokens", Map.of("name", unique("t"), "expiresInDays", 1), admin);
            McpSyncClient client =
                    McpClients.connect(port, token.json().path("token").asString());
            try {
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .containsExactlyElementsOf(McpIT.READ_ONLY_TOOLS);
                var delete = call(
                        client,
                        "resources_delete",
                        Map.of("cluster", cluster, "kind", "ConfigMap", "namespace", ns, "name", "keep"));
                assertThat(delete.isError()).isTrue();
                assertThat(text(delete)).startsWith("Error 403 read-only");
                assertThat(mock.client()
                                .configMaps()
                                .inNamespace(ns)
                                .withName("keep")
                                .get())
                        .isNotNull();
                var apply = call(
                        client,
                        "resources_apply",
                        Map.of(
                                "cluster",
                                cluster,
                                "manifest",
                                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\n",
                                "namespace",
                                ns));
                assertThat(text(apply)).contains("read-only");
                assertThat(mock.client()
                                .configMaps()
                                .inNamespace(ns)
                                .withName("n")
                                .get())
                        .isNull();
                var listed = call(client, "resources_list", Map.of("cluster", cluster, "kind", "cm", "namespace", ns));
                assertThat(listed.isError()).isFalse();
                var row = jdbc.sql("SELECT result, status_code FROM audit_events WHERE action ="
                                + " 'MCP tools/call resources_delete' ORDER BY id DESC LIMIT 1")
                        .query()
                        .singleRow();
                assertThat(row.get("RESULT")).isEqualTo("denied");
                assertThat(row.get("STATUS_CODE")).isEqualTo(403);
            } finally {
                client.closeGracefully();
            }
        }
    }
}
