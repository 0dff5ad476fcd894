package dev.cloudops.mcp;

import io.modelcontextprotocol.spec.McpSchema;

/** The MCP description of a tool: what {@code tools/list} shows and what the generated docs list. */
final class ToolDescriptions {

    private ToolDescriptions() {}

    static McpSchema.Tool describe(McpTool tool) {
        return McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(tool.description())
                .inputSchema(tool.inputSchema())
                .annotations(new McpSchema.ToolAnnotations(
                        tool.title(), tool.readOnly(), tool.destructive(), tool.idempotent(), tool.openWorld(), null))
                .build();
    }
}
