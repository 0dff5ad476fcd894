package dev.cloudops.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class McpToolsTest {

    private record Fake(String name, boolean readOnly, boolean destructive) implements McpTool {
        @Override
        public String title() {
            return name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public Map<String, Object> inputSchema() {
            return Schemas.object(Schemas.props());
        }

        @Override
        public boolean idempotent() {
            return true;
        }

        @Override
        public ToolAnswer call(ToolArgs args) {
            return ToolAnswer.of("ok", "");
        }
    }

    private static McpProperties settings(boolean destructive, List<String> disabled) {
        return new McpProperties(true, destructive, false, disabled, List.of(), List.of(), 40000, 0);
    }

    @Test
    @DisplayName("no tool may be both read-only and destructive; the application refuses to start with one")
    void invariant() {
        var both = new Fake("things_break", true, true);
        assertThatThrownBy(() -> new McpTools(List.of(both), settings(true, List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both read-only and destructive");
    }

    @Test
    @DisplayName("names are unique noun_verb names; a disabled name must be a real tool")
    void names() {
        assertThatThrownBy(() -> new McpTools(List.of(new Fake("list", true, false)), settings(false, List.of())))
                .hasMessageContaining("noun_verb");
        assertThatThrownBy(() -> new McpTools(
                        List.of(new Fake("pods_list", true, false), new Fake("pods_list", true, false)),
                        settings(false, List.of())))
                .hasMessageContaining("Two MCP tools");
        assertThatThrownBy(() -> new McpTools(
                        List.of(new Fake("pods_list", true, false)), settings(false, List.of("pods_lsit"))))
                .hasMessageContaining("pods_lsit");
    }

    @Test
    @DisplayName("destructive tools are advertised only when allowed; disabled tools never")
    void advertised() {
        var tools = List.<McpTool>of(
                new Fake("pods_list", true, false),
                new Fake("pods_delete", false, true),
                new Fake("pods_get", true, false));
        assertThat(new McpTools(tools, settings(false, List.of())).advertised())
                .extracting(McpTool::name)
                .containsExactly("pods_get", "pods_list");
        assertThat(new McpTools(tools, settings(true, List.of("pods_get"))).advertised())
                .extracting(McpTool::name)
                .containsExactly("pods_delete", "pods_list");
        assertThat(new McpTools(tools, settings(true, List.of())).all()).hasSize(3);
        assertThat(McpTools.NAME.matcher("resources_list").matches()).isTrue();
        assertThat(Pattern.matches(McpTools.NAME.pattern(), "Resources_List")).isFalse();
    }
}
