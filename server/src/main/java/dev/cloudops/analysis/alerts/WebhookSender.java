package dev.cloudops.analysis.alerts;

import dev.cloudops.platform.CloudOpsProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one delivery attempt: signs the stored body the way the platform wants, POSTs it, and judges the answer.
 * The robots answer 200 with an error code in the body when they refuse a message (bad signature, unknown token),
 * so a 2xx with a non-zero {@code errcode} (DingTalk, WeCom) or {@code code} (Feishu) is a failure too.
 */
@Component
class WebhookSender {

    /** How an attempt went; {@code status} null when no answer came. */
    record Outcome(boolean delivered, Integer status, String error) {}

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final HttpClient http;
    private final CloudOpsProperties.Alerts settings;
    private final JsonMapper json;
    private final Clock clock;

    WebhookSender(CloudOpsProperties properties, JsonMapper json, Clock clock) {
        this.settings = properties.analysis().alerts();
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.deliveryTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.json = json;
        this.clock = clock;
    }

    Outcome send(WebhookType type, String url, String secret, String body) {
        Instant now = clock.instant();
        String target = url;
        String payload = body;
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(settings.deliveryTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "CloudOps-K8s-Alerts");
        boolean signed = secret != null && !secret.isEmpty();
        if (signed) {
            switch (type) {
                case GENERIC -> {
                    long ts = WebhookFormats.seconds(now);
                    request.header("X-CloudOps-Timestamp", Long.toString(ts));
                    request.header("X-CloudOps-Signature", WebhookFormats.genericSign(ts, secret, body));
                }
                case DINGTALK -> {
                    long ts = now.toEpochMilli();
                    target = url + (url.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign="
                            + URLEncoder.encode(WebhookFormats.dingTalkSign(ts, secret), StandardCharsets.UTF_8);
                }
                case FEISHU -> {
                    long ts = WebhookFormats.seconds(now);
                    Map<String, Object> signedBody = json.readValue(body, MAP);
                    Map<String, Object> withSign = new LinkedHashMap<>();
                    withSign.put("timestamp", Long.toString(ts));
                    withSign.put("sign", WebhookFormats.feishuSign(ts, secret));
                    withSign.putAll(signedBody);
                    payload = json.writeValueAsString(withSign);
                }
                case WECOM -> {
                    // WeCom robots are not signed; the key in the URL is the credential.
                }
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(
                    request.uri(URI.create(target))
                            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(
                    false, null, e.getClass().getSimpleName() + ": " + withoutTarget(e.getMessage(), target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted");
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            return new Outcome(false, status, "HTTP " + status + ": " + snippet(response.body()));
        }
        String refused = refusal(type, response.body());
        return refused == null ? new Outcome(true, status, null) : new Outcome(false, status, refused);
    }

    /** The robot's error in a 2xx answer, or null when it accepted the message. */
    private String refusal(WebhookType type, String answer) {
        if (type == WebhookType.GENERIC || answer == null || answer.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(answer);
        } catch (JacksonException e) {
            return null;
        }
        String codeField = type == WebhookType.FEISHU ? (node.has("code") ? "code" : "StatusCode") : "errcode";
        JsonNode code = node.get(codeField);
        if (code == null || code.asLong() == 0) {
            return null;
        }
        JsonNode msg =
                node.has("msg") ? node.get("msg") : node.has("errmsg") ? node.get("errmsg") : node.get("StatusMessage");
        return codeField + " " + code.asString() + ": " + (msg == null ? "" : msg.asString());
    }

    private static String snippet(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }

    /**
     * An error message without the webhook's address: robots carry their access token in the URL, and the message
     * is logged, stored with the delivery and shown to admins.
     */
    static String withoutTarget(String message, String target) {
        if (message == null) {
            return "";
        }
        String out = message.replace(target, "<webhook URL>");
        int query = target.indexOf('?');
        return query < 0 || query == target.length() - 1 ? out : out.replace(target.substring(query + 1), "<query>");
    }
}
