package dev.cloudops.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ToolDispatcherTest {

    private final McpAudit audit = mock(McpAudit.class);
    private final CurrentUser user = new CurrentUser(7, "agent", List.of());

    private ToolDispatcher dispatcher(boolean readOnly) {
        var properties = new McpProperties(true, true, readOnly, null, null, null, 40000, 0);
        return new ToolDispatcher(
                properties,
                mock(McpGuard.class),
                mock(ClusterResolver.class),
                new AccessPolicy(),
                audit,
                JsonMapper.builder().build(),
                Clock.systemUTC());
    }

    private static McpTool tool(boolean readOnly, Function<ToolArgs, ToolAnswer> body) {
        return new McpTool() {
            @Override
            public String name() {
                return "things_do";
            }

            @Override
            public String title() {
                return "Do things";
            }

            @Override
            public String description() {
                return "Does things";
            }

            @Override
            public Map<String, Object> inputSchema() {
                return Schemas.object(Schemas.props("n", Schemas.integer("n", 1, 5)));
            }

            @Override
            public boolean readOnly() {
                return readOnly;
            }

            @Override
            public boolean destructive() {
                return !readOnly;
            }

            @Override
            public boolean idempotent() {
                return true;
            }

            @Override
            public ToolAnswer call(ToolArgs args) {
                return body.apply(args);
            }
        };
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    @DisplayName("an unexpected failure is a tool error with a reference, never a stack trace, and is audited as 500")
    void unexpected() {
        var result = dispatcher(false)
                .call(
                        tool(true, args -> {
                            throw new IllegalStateException("boom at com.example.Secret.method");
                        }),
                        Map.of(),
                        user,
                        "10.0.0.1");
        assertThat(result.isError()).isTrue();
        assertThat(text(result))
                .startsWith("Error 500 internal-error")
                .contains("reference")
                .doesNotContain("boom");
        verify(audit).record(any(), eq(500), eq("internal-error"));
    }

    @Test
    @DisplayName("the tool runs as the caller; without one the call is refused before the tool runs")
    void identity() {
        var seen = new String[1];
        var policy = new AccessPolicy();
        McpTool whoAmI = tool(true, args -> {
            seen[0] = policy.current().username();
            return ToolAnswer.of(Map.of("n", args.number("n", 1, 5)), "");
        });
        var result = dispatcher(false).call(whoAmI, Map.of("n", 3), user, null);
        assertThat(text(result)).isEqualTo("{\"n\":3}");
        assertThat(seen[0]).isEqualTo("agent");
        verify(audit).record(any(), eq(200), isNull());

        seen[0] = null;
        var anonymous = dispatcher(false).call(whoAmI, Map.of(), null, null);
        assertThat(text(anonymous)).startsWith("Error 401 unauthenticated");
        assertThat(seen[0]).isNull();
    }

    @Test
    @DisplayName("schema violations and read-only mode refuse the call before the tool runs")
    void refusals() {
        var ran = new boolean[1];
        McpTool change = tool(false, args -> {
            ran[0] = true;
            return ToolAnswer.of("done", "");
        });
        var badArgs = dispatcher(false).call(change, Map.of("n", 9), user, null);
        assertThat(text(badArgs)).startsWith("Error 400 invalid-arguments");
        var readOnly = dispatcher(true).call(change, Map.of("n", 1), user, null);
        assertThat(text(readOnly)).startsWith("Error 403 read-only");
        assertThat(ran[0]).isFalse();
        var allowed = dispatcher(false).call(change, Map.of("n", 1), user, null);
        assertThat(allowed.isError()).isFalse();
        assertThat(ran[0]).isTrue();
    }
}
