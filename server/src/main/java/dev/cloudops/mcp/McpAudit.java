package dev.cloudops.mcp;

import dev.cloudops.platform.audit.AuditEvent;
import dev.cloudops.platform.audit.AuditRedactor;
import dev.cloudops.platform.audit.AuditService;
import dev.cloudops.platform.yaml.SafeYaml;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every tool call in the audit trail: who, which tool, on which cluster and namespace, with which
 * arguments and what came of it. Arguments are redacted like request bodies (credential-like keys, the data of
 * Secrets); a manifest argument is parsed first so that the Secrets inside it are redacted too.
 */
@Component
class McpAudit {

    private static final Logger log = LoggerFactory.getLogger(McpAudit.class);
    private static final int MANIFEST_LIMIT = 3 * 1024 * 1024;

    private final AuditService audit;
    private final AuditRedactor redactor;
    private final JsonMapper json;
    private final Clock clock;

    McpAudit(AuditService audit, JsonMapper json, Clock clock) {
        this.audit = audit;
        this.redactor = new AuditRedactor(json);
        this.json = json;
        this.clock = clock;
    }

    /** One finished call. {@code status} is HTTP-like: 200, or the status of the problem it ended with. */
    void record(ToolCall call, int status, String error) {
        long now = clock.millis();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("arguments", arguments(call.arguments()));
        if (error != null) {
            detail.put("error", error);
        }
        try {
            audit.record(new AuditEvent(
                    null,
                    java.time.Instant.ofEpochMilli(now),
                    call.username(),
                    "MCP tools/call " + call.tool(),
                    "MCP",
                    "/mcp#" + call.tool(),
                    call.clusterId(),
                    call.namespace(),
                    AuditEvent.resultOf(status),
                    status,
                    now - call.startedAt(),
                    call.clientIp(),
                    redactor.redact(json.writeValueAsString(detail))));
        } catch (RuntimeException e) {
            log.error("Could not record the audit event of MCP tool {}", call.tool(), e);
        }
    }

    private static Map<String, Object> arguments(Map<String, Object> arguments) {
        Map<String, Object> out = new LinkedHashMap<>();
        arguments.forEach((key, value) -> {
            if (key.equals("manifest") && value instanceof String text) {
                out.put(key, documents(text));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** The manifest's documents, so the redactor sees Secrets as Secrets; unparseable text is not kept. */
    private static Object documents(String text) {
        try {
            List<Object> docs = new ArrayList<>();
            SafeYaml.documents(text, MANIFEST_LIMIT).forEach(docs::add);
            return docs;
        } catch (RuntimeException e) {
            return "[manifest not recorded: not YAML, " + text.length() + " characters]";
        }
    }

    /** What the audit needs to know about one call; {@code clusterId} and {@code namespace} may be null. */
    record ToolCall(
            String tool,
            String username,
            String clientIp,
            Long clusterId,
            String namespace,
            Map<String, Object> arguments,
            long startedAt) {}
}
