package dev.cloudops.platform.audit;

import dev.cloudops.platform.yaml.SafeYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes request bodies safe to keep: values under credential-like keys and the data of Kubernetes Secrets are
 * replaced by {@value #REDACTED}. Bodies are parsed as YAML (a superset of JSON) with alias and size limits;
 * a body that cannot be parsed is not kept at all. Public so that features auditing work that is not one HTTP call
 * (MCP tool calls) keep their arguments the same way.
 */
public final class AuditRedactor {

    public static final String REDACTED = "[redacted]";
    private static final Set<String> SENSITIVE = Set.of(
            "kubeconfig",
            "password",
            "token",
            "secret",
            "secretkey",
            "accesskey",
            "accesskeyid",
            "secretaccesskey",
            "privatekey",
            "clientkey",
            "client-key-data",
            "clientkeydata",
            "client-certificate-data",
            "apikey",
            "credentials",
            "authorization",
            "bearertoken",
            "passphrase",
            // Alert webhooks: DingTalk, Feishu and WeCom put the robot's access token in the URL.
            "webhookurl",
            // The text of a file saved into a container: config files hold credentials often enough.
            "content");
    private static final int MAX_KEPT = 8192;

    private final JsonMapper json;

    public AuditRedactor(JsonMapper json) {
        this.json = json;
    }

    public String redact(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            List<Object> docs = new java.util.ArrayList<>();
            for (Object doc : SafeYaml.documents(body, 1 << 20)) {
                docs.add(clean(doc));
            }
            String out = json.writeValueAsString(docs.size() == 1 ? docs.get(0) : docs);
            return out.length() > MAX_KEPT ? out.substring(0, MAX_KEPT) + "…[truncated]" : out;
        } catch (RuntimeException e) {
            return "[body not recorded: unparseable]";
        }
    }

    private static Object clean(Object node) {
        if (node instanceof Map<?, ?> map) {
            boolean secret = "Secret".equals(map.get("kind"));
            Map<String, Object> out = new LinkedHashMap<>();
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (isSensitive(key) || (secret && (key.equals("data") || key.equals("stringData")))) {
                    out.put(key, REDACTED);
                } else {
                    out.put(key, clean(entry.getValue()));
                }
            }
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(AuditRedactor::clean).toList();
        }
        return node;
    }

    public static boolean isSensitive(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return SENSITIVE.contains(k) || k.endsWith("password") || k.endsWith("token") || k.endsWith("secret");
    }
}
