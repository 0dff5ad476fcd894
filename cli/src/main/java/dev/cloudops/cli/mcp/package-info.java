/** {@code cloudops mcp}: the platform's MCP server for local agents that speak MCP over standard input and output. */
package dev.cloudops.cli.mcp;
