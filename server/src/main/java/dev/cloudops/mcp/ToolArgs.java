package dev.cloudops.mcp;

import dev.cloudops.platform.error.ApiException;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one call, already checked against the tool's schema, with the resolved cluster. Typed getters
 * still refuse what a schema cannot say (an empty string, an out-of-range number) with a 400 naming the argument.
 */
public final class ToolArgs {

    private final Map<String, Object> values;
    private final ClusterResolver clusters;
    private final McpGuard guard;
    private Long clusterId;

    ToolArgs(Map<String, Object> values, ClusterResolver clusters, McpGuard guard) {
        this.values = values == null ? Map.of() : Map.copyOf(values);
        this.clusters = clusters;
        this.guard = guard;
    }

    /** The raw arguments. */
    public Map<String, Object> values() {
        return values;
    }

    /** The id of the cluster named by {@code cluster} (id or name), or the only cluster the caller can see. */
    public long clusterId() {
        if (clusterId == null) {
            clusterId = clusters.resolve(values.get("cluster"));
        }
        return clusterId;
    }

    /** The cluster once {@link #clusterId()} resolved it, for the audit; null before. */
    Long resolvedClusterId() {
        return clusterId;
    }

    /** A string argument, null when absent or blank. */
    public String string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    /** A required string argument. */
    public String required(String name) {
        String value = string(name);
        if (value == null) {
            throw ApiException.badRequest("invalid-argument", "'" + name + "' is required", name);
        }
        return value;
    }

    /** A whole number argument between {@code min} and {@code max}, or null when absent. */
    public Long number(String name, long min, long max) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        long n;
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            n = number.longValue();
        } else {
            throw ApiException.badRequest("invalid-argument", "'" + name + "' must be a whole number", name);
        }
        if (n < min || n > max) {
            throw ApiException.badRequest(
                    "invalid-argument", "'" + name + "' must be between " + min + " and " + max + ", not " + n, name);
        }
        return n;
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    /** A list of strings, empty when absent. */
    public List<String> strings(String name) {
        Object value = values.get(name);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The restrictions of this server, for tools whose namespaces or kinds are not plain arguments. */
    public McpGuard guard() {
        return guard;
    }
}
