package dev.cloudops.mcp;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The tools this server advertises: every {@link McpTool} bean, less the disabled ones and, unless
 * {@code cloudops.mcp.allow-destructive} is set, less the destructive ones. Checked at start-up: names are unique
 * {@code noun_verb} names, no tool is both read-only and destructive, and every disabled name is a real tool.
 */
@Component
public class McpTools {

    static final Pattern NAME = Pattern.compile("[a-z]+(_[a-z]+)+");

    private final List<McpTool> all;
    private final List<McpTool> advertised;

    McpTools(List<McpTool> tools, McpProperties properties) {
        this.all = tools.stream().sorted(Comparator.comparing(McpTool::name)).toList();
        Set<String> names = new HashSet<>();
        for (McpTool tool : all) {
            if (!NAME.matcher(tool.name()).matches()) {
                throw new IllegalStateException("MCP tool name '" + tool.name() + "' is not noun_verb");
            }
            if (!names.add(tool.name())) {
                throw new IllegalStateException("Two MCP tools are named " + tool.name());
            }
            if (tool.readOnly() && tool.destructive()) {
                throw new IllegalStateException("MCP tool " + tool.name() + " is both read-only and destructive");
            }
        }
        for (String disabled : properties.disabledTools()) {
            if (!names.contains(disabled)) {
                throw new IllegalStateException(
                        "cloudops.mcp.disabled-tools names '" + disabled + "', which is not a tool; tools: " + names);
            }
        }
        this.advertised = all.stream()
                .filter(t -> !properties.disabledTools().contains(t.name()))
                .filter(t -> properties.allowDestructive() || !t.destructive())
                .toList();
    }

    /** Every tool bean, advertised or not, by name. */
    public List<McpTool> all() {
        return all;
    }

    /** The tools clients can list and call, by name. */
    public List<McpTool> advertised() {
        return advertised;
    }
}
