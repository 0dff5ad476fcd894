package dev.cloudops.mcp;

/** A tool that only reads: read-only, not destructive, idempotent. */
abstract class ReadOnlyTool implements McpTool {

    @Override
    public final boolean readOnly() {
        return true;
    }

    @Override
    public final boolean destructive() {
        return false;
    }

    @Override
    public final boolean idempotent() {
        return true;
    }
}
