package dev.cloudops.mcp;

import java.util.Map;

/**
 * One MCP tool. Every implementation is a Spring bean; the server advertises the beans that configuration enables.
 * A tool only translates arguments into a call of a feature's public service and the result into an answer: access
 * checks, namespace and kind restrictions, Secret masking, the output budget, error translation and the audit are
 * the {@link ToolDispatcher}'s.
 */
public interface McpTool {

    /** A {@code noun_verb} name, e.g. {@code resources_list}. */
    String name();

    /** A short human title. */
    String title();

    /** What it does and when to use it, for the agent choosing a tool. */
    String description();

    /** The JSON schema of its arguments (an object schema). */
    Map<String, Object> inputSchema();

    /** True when it never changes anything. */
    boolean readOnly();

    /** True when it may change or remove things, or run arbitrary commands. */
    boolean destructive();

    /** True when calling it twice with the same arguments has no more effect than once. */
    boolean idempotent();

    /** True when it reaches outside the platform (a cluster); false when it only reads the platform's records. */
    default boolean openWorld() {
        return true;
    }

    /**
     * True when leaving out the {@code namespace} argument of this call means every namespace (or a cluster-scoped
     * object), which the allowed-namespaces rule refuses. False where it does not: an offline manifest check reads no
     * cluster, and an applied manifest names its namespaces itself (the tool checks each document).
     */
    default boolean absentNamespaceMeansAll(ToolArgs args) {
        return true;
    }

    /** Runs the tool; fails with {@link dev.cloudops.platform.error.ApiException} for a bad call. */
    ToolAnswer call(ToolArgs args);
}
