package dev.cloudops.mcp;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.security.AccessPolicy;
import dev.cloudops.platform.security.CurrentUser;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one tool call with everything that is the same for every tool: the schema check of the arguments, read-only
 * mode, the allowed namespaces and denied kinds, the caller's identity (so the services apply their grants), Secret
 * masking, the output budget, the translation of failures into tool errors, and the audit. A failure is always a
 * result with {@code isError} and a clear message, never a protocol error or a stack trace.
 */
@Component
public class ToolDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ToolDispatcher.class);

    private final McpProperties properties;
    private final McpGuard guard;
    private final ClusterResolver clusters;
    private final AccessPolicy access;
    private final McpAudit audit;
    private final JsonMapper json;
    private final JsonSchemaValidator schemas;
    private final OutputBudget budget;
    private final Clock clock;

    ToolDispatcher(
            McpProperties properties,
            McpGuard guard,
            ClusterResolver clusters,
            AccessPolicy access,
            McpAudit audit,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.guard = guard;
        this.clusters = clusters;
        this.access = access;
        this.audit = audit;
        this.json = json;
        this.schemas = io.modelcontextprotocol.json.McpJsonDefaults.getSchemaValidator();
        this.budget = new OutputBudget(properties.budgetChars(), json);
        this.clock = clock;
    }

    /** Calls {@code tool} for {@code user} (null: nobody authenticated, refused). */
    public CallToolResult call(McpTool tool, Map<String, Object> arguments, CurrentUser user, String clientIp) {
        long started = clock.millis();
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        ToolArgs toolArgs = new ToolArgs(args, clusters, guard);
        String namespace = toolArgs.string("namespace");
        try {
            if (user == null) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required");
            }
            checkSchema(tool, args);
            if (!tool.readOnly() && properties.readOnly()) {
                throw ApiException.forbidden(
                        "read-only",
                        "This MCP server is in read-only mode (cloudops.mcp.read-only): " + tool.name()
                                + " is refused; only read-only tools may be called");
            }
            String text = access.runAs(user, () -> run(tool, toolArgs, namespace));
            audit.record(call(tool, user, clientIp, toolArgs, namespace, args, started), 200, null);
            return result(text, false);
        } catch (ApiException e) {
            String message = "Error " + e.status().value() + " " + e.code() + ": " + e.getMessage()
                    + (e.field() == null ? "" : " (argument: " + e.field() + ")");
            audit.record(
                    call(tool, user, clientIp, toolArgs, namespace, args, started),
                    e.status().value(),
                    e.code());
            return result(message, true);
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.warn("MCP tool {} failed (reference {})", tool.name(), reference, e);
            audit.record(call(tool, user, clientIp, toolArgs, namespace, args, started), 500, "internal-error");
            return result(
                    "Error 500 internal-error: the tool failed unexpectedly; the server log has the details under"
                            + " reference " + reference,
                    true);
        }
    }

    private String run(McpTool tool, ToolArgs args, String namespace) {
        if (namespace != null) {
            guard.checkNamespace(namespace);
        } else if (tool.absentNamespaceMeansAll(args)
                && tool.inputSchema().get("properties") instanceof Map<?, ?> p
                && p.containsKey("namespace")) {
            guard.requireNamespaceWhenRestricted(null);
        }
        String kind = args.string("kind");
        if (kind != null) {
            guard.checkKind(args.clusterId(), kind);
        }
        ToolAnswer answer = tool.call(args);
        Object body = answer.body() instanceof String text ? text : json.convertValue(answer.body(), Object.class);
        return budget.render(SecretMasker.mask(body), answer);
    }

    private void checkSchema(McpTool tool, Map<String, Object> args) {
        var validation = schemas.validate(tool.inputSchema(), args);
        if (!validation.valid()) {
            throw ApiException.badRequest(
                    "invalid-arguments",
                    "The arguments do not match the schema of " + tool.name() + ": " + validation.errorMessage(),
                    null);
        }
    }

    private static McpAudit.ToolCall call(
            McpTool tool,
            CurrentUser user,
            String clientIp,
            ToolArgs args,
            String namespace,
            Map<String, Object> arguments,
            long started) {
        return new McpAudit.ToolCall(
                tool.name(),
                user == null ? null : user.username(),
                clientIp,
                args.resolvedClusterId(),
                namespace,
                arguments,
                started);
    }

    private static CallToolResult result(String text, boolean error) {
        return CallToolResult.builder()
                .content(List.of(new McpSchema.TextContent(text)))
                .isError(error)
                .build();
    }
}
