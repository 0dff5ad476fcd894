package dev.cloudops.mcp;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MCP server's settings ({@code cloudops.mcp.*}). Kept apart from {@code CloudOpsProperties} because only this
 * feature reads them.
 *
 * @param enabled serve {@code /mcp} at all
 * @param allowDestructive advertise the tools that change or run things ({@code resources_apply},
 *     {@code resources_delete}, {@code pods_exec}); off by default
 * @param readOnly refuse every tool that is not read-only, whatever else is enabled
 * @param disabledTools tool names never advertised
 * @param allowedNamespaces when not empty, the only namespaces any tool may read or change (on top of the caller's
 *     grants); listing across namespaces and cluster-scoped objects are then refused
 * @param deniedKinds kinds no tool may read or change (e.g. {@code Secret}), by kind name, case-insensitive
 * @param maxOutputChars the most characters one tool answer may hold; longer answers are cut and say so
 * @param maxOutputTokens when above zero, the budget in estimated tokens (about four characters each) instead
 */
@ConfigurationProperties("cloudops.mcp")
public record McpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("false") boolean allowDestructive,
        @DefaultValue("false") boolean readOnly,
        @DefaultValue List<String> disabledTools,
        @DefaultValue List<String> allowedNamespaces,
        @DefaultValue List<String> deniedKinds,
        @DefaultValue("40000") int maxOutputChars,
        @DefaultValue("0") int maxOutputTokens) {

    /** Characters per estimated token, the usual rule of thumb for English text and JSON. */
    static final int CHARS_PER_TOKEN = 4;

    public McpProperties {
        disabledTools = disabledTools == null ? List.of() : List.copyOf(disabledTools);
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        deniedKinds = deniedKinds == null ? List.of() : List.copyOf(deniedKinds);
        if (maxOutputChars < 1000 && maxOutputTokens <= 0) {
            throw new IllegalArgumentException("cloudops.mcp.max-output-chars must be at least 1000");
        }
        if (maxOutputTokens > 0 && maxOutputTokens < 250) {
            throw new IllegalArgumentException("cloudops.mcp.max-output-tokens must be at least 250");
        }
    }

    /** The budget of one answer in characters. */
    int budgetChars() {
        return maxOutputTokens > 0 ? maxOutputTokens * CHARS_PER_TOKEN : maxOutputChars;
    }

    Set<String> deniedKindsLowerCase() {
        return deniedKinds.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
