/**
 * The MCP server for AI agents: platform features presented as Model Context Protocol tools over Streamable HTTP at
 * {@code /mcp}. It holds no Kubernetes logic of its own; every tool calls a feature's public service as the user
 * whose API token the request carried, so that user's grants apply to every call. Safety (read-only mode, allowed
 * namespaces, denied kinds, masked Secrets, an output budget) and the audit of every call are applied centrally by
 * {@link dev.cloudops.mcp.ToolDispatcher}, not in each tool.
 */
package dev.cloudops.mcp;
