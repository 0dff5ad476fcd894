package dev.cloudops.mcp;

import dev.cloudops.kube.ApiResourceInfo;
import dev.cloudops.platform.error.ApiException;
import dev.cloudops.resource.ResourceService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The restrictions this MCP server adds to the caller's grants: the allowed namespaces and the denied kinds. The
 * caller's own rights are still checked by the services each tool calls.
 */
@Component
public class McpGuard {

    private final List<String> allowedNamespaces;
    private final Set<String> deniedKinds;
    private final ResourceService resources;

    McpGuard(McpProperties properties, ResourceService resources) {
        this.allowedNamespaces = properties.allowedNamespaces();
        this.deniedKinds = properties.deniedKindsLowerCase();
        this.resources = resources;
    }

    /** True when only some namespaces may be used. */
    public boolean restricted() {
        return !allowedNamespaces.isEmpty();
    }

    /** Refuses a namespace outside the allowed ones. */
    public void checkNamespace(String namespace) {
        if (restricted() && !allowedNamespaces.contains(namespace)) {
            throw ApiException.forbidden(
                    "namespace-not-allowed",
                    "This MCP server may only use the namespaces " + allowedNamespaces + ", not '" + namespace + "'");
        }
    }

    /** Refuses "every namespace" (an absent namespace) when only some namespaces may be used. */
    public void requireNamespaceWhenRestricted(String namespace) {
        if (namespace == null && restricted()) {
            throw ApiException.forbidden(
                    "namespace-required",
                    "This MCP server may only use the namespaces " + allowedNamespaces
                            + ": name one of them in 'namespace' (cluster-wide and cluster-scoped queries are off)");
        }
    }

    /** Refuses a kind (as an agent may name it: kind, plural, short name) that is denied. */
    public void checkKind(long clusterId, String kind) {
        if (deniedKinds.isEmpty() || kind == null) {
            return;
        }
        String asked = kind.toLowerCase(Locale.ROOT);
        boolean denied = deniedKinds.contains(asked)
                || resources.discover(clusterId).stream()
                        .filter(info -> info.answersTo(kind))
                        .anyMatch(this::isDenied);
        if (denied) {
            throw ApiException.forbidden("kind-denied", "This MCP server may not touch " + kind + " objects");
        }
    }

    /**
     * Checks one document of a manifest: its kind is not denied and, when namespaces are restricted, it is
     * namespaced and lands in an allowed namespace ({@code defaultNamespace} when it names none).
     */
    public void checkDocument(long clusterId, Map<String, Object> document, String defaultNamespace) {
        String kind = document.get("kind") == null ? null : document.get("kind").toString();
        checkKind(clusterId, kind);
        if (!restricted()) {
            return;
        }
        Object apiVersion = document.get("apiVersion");
        boolean namespaced = resources.discover(clusterId).stream()
                .filter(info -> info.kind().equals(kind) && info.apiVersion().equals(String.valueOf(apiVersion)))
                .findFirst()
                .map(ApiResourceInfo::namespaced)
                .orElse(true);
        if (!namespaced) {
            throw ApiException.forbidden(
                    "namespace-required",
                    kind + " is cluster-scoped; this MCP server may only use the namespaces " + allowedNamespaces);
        }
        Map<?, ?> metadata = document.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        String target = namespace != null ? namespace.toString() : defaultNamespace;
        requireNamespaceWhenRestricted(target);
        checkNamespace(target);
    }

    private boolean isDenied(ApiResourceInfo info) {
        return deniedKinds.stream().anyMatch(info::answersTo);
    }
}
