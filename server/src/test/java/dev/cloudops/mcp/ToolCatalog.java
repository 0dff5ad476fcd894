package dev.cloudops.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** Renders the advertised tool list as docs/mcp-tools.md: the reference is generated from the code, never by hand. */
final class ToolCatalog {

    private ToolCatalog() {}

    static String markdown(List<McpSchema.Tool> tools) {
        StringBuilder md = new StringBuilder();
        md.append("# MCP tools\n\n")
                .append(
                        "<!-- Generated from the code by McpSafetyIT (run it with -Dmcp.snapshot.update=true to rewrite);"
                                + " do not edit by hand. -->\n\n")
                .append("Every tool the CloudOps MCP server can advertise, with its annotations and argument schema."
                        + " The destructive tools (`resources_apply`, `resources_delete`, `pods_exec`) are advertised"
                        + " only with `cloudops.mcp.allow-destructive=true` and refused in read-only mode; see"
                        + " [the MCP guide](mcp.md).\n\n")
                .append("| tool | title | read-only | destructive | idempotent | open world |\n")
                .append("|---|---|---|---|---|---|\n");
        for (McpSchema.Tool tool : tools) {
            var a = tool.annotations();
            md.append("| [`")
                    .append(tool.name())
                    .append("`](#")
                    .append(tool.name())
                    .append(") | ")
                    .append(tool.title())
                    .append(" | ")
                    .append(yes(a.readOnlyHint()))
                    .append(" | ")
                    .append(yes(a.destructiveHint()))
                    .append(" | ")
                    .append(yes(a.idempotentHint()))
                    .append(" | ")
                    .append(yes(a.openWorldHint()))
                    .append(" |\n");
        }
        for (McpSchema.Tool tool : tools) {
            md.append("\n## ").append(tool.name()).append("\n\n");
            md.append("**")
                    .append(tool.title())
                    .append("** — ")
                    .append(tool.description())
                    .append("\n\n");
            md.append("| argument | type | required | description |\n|---|---|---|---|\n");
            Map<String, Object> schema = tool.inputSchema();
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            List<?> required = (List<?>) schema.getOrDefault("required", List.of());
            if (props.isEmpty()) {
                md.append("| (none) | | | |\n");
            }
            props.forEach((name, value) -> {
                Map<?, ?> p = (Map<?, ?>) value;
                md.append("| `")
                        .append(name)
                        .append("` | ")
                        .append(type(p))
                        .append(" | ")
                        .append(required.contains(name) ? "yes" : "")
                        .append(" | ")
                        .append(String.valueOf(p.get("description")).replace("|", "\\|"))
                        .append(" |\n");
            });
        }
        return md.toString();
    }

    private static String type(Map<?, ?> p) {
        Object type = p.get("type");
        String text = type instanceof List<?> list
                ? String.join(" or ", list.stream().map(String::valueOf).toList())
                : String.valueOf(type);
        if ("array".equals(type) && p.get("items") instanceof Map<?, ?> items) {
            text = items.get("type") + "[]";
        }
        if (p.get("enum") instanceof List<?> values) {
            text += ": "
                    + String.join(", ", values.stream().map(v -> "`" + v + "`").toList());
        }
        if (p.get("minimum") != null && p.get("maximum") != null) {
            text += " (" + p.get("minimum") + "–" + p.get("maximum") + ")";
        }
        return text;
    }

    private static String yes(Boolean value) {
        return Boolean.TRUE.equals(value) ? "yes" : "no";
    }
}
