package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body each platform documents for a message, and its signature. Bodies are built when an alert opens or
 * resolves and stored; signatures include the time and are made at each attempt.
 */
final class WebhookFormats {

    /** What one message says, whatever the format. */
    record Message(String event, String title, List<String> lines, Severity severity, Alert alert) {}

    private WebhookFormats() {}

    static Message opened(Alert a) {
        return of(
                "opened", a, "[" + a.severity() + "] " + AlertKind.of(a.kind()).title());
    }

    static Message resolved(Alert a) {
        return of("resolved", a, "[RESOLVED] " + AlertKind.of(a.kind()).title());
    }

    static Message test(String webhookName) {
        return new Message(
                "test",
                "CloudOps test message",
                List.of("This is a test message from CloudOps K8s to webhook **" + webhookName + "**."),
                Severity.INFO,
                null);
    }

    private static Message of(String event, Alert a, String title) {
        return new Message(
                event,
                title + ": " + a.workloadKind() + " " + a.namespace() + "/" + a.workloadName(),
                List.of(
                        "**Workload:** " + a.workloadKind() + " " + a.namespace() + "/" + a.workloadName(),
                        "**Cluster:** " + a.clusterName() + " (id " + a.clusterId() + ")",
                        "**What:** " + a.message(),
                        "**Occurrences:** " + a.occurrences() + ", first seen " + a.firstSeenAt() + ", last seen "
                                + a.lastSeenAt(),
                        "**Alert:** #" + a.id() + " " + a.kind() + " (" + a.state() + ")"),
                a.severity(),
                a);
    }

    /** The JSON body (as a map) of a message in a webhook's format. */
    static Map<String, Object> body(WebhookType type, String format, Message m) {
        return switch (type) {
            case GENERIC -> generic(m);
            case DINGTALK ->
                map(
                        "msgtype",
                        "markdown",
                        "markdown",
                        map("title", m.title(), "text", "### " + m.title() + "\n\n" + String.join("\n\n", m.lines())));
            case WECOM ->
                map(
                        "msgtype",
                        "markdown",
                        "markdown",
                        map("content", "### " + m.title() + "\n" + String.join("\n", m.lines())));
            case FEISHU ->
                "text".equals(format)
                        ? map(
                                "msg_type",
                                "text",
                                "content",
                                map(
                                        "text",
                                        m.title() + "\n"
                                                + String.join("\n", m.lines()).replace("**", "")))
                        : map(
                                "msg_type",
                                "interactive",
                                "card",
                                map(
                                        "config",
                                        map("wide_screen_mode", true),
                                        "header",
                                        map(
                                                "title",
                                                map("tag", "plain_text", "content", m.title()),
                                                "template",
                                                template(m)),
                                        "elements",
                                        List.of(map(
                                                "tag",
                                                "div",
                                                "text",
                                                map("tag", "lark_md", "content", String.join("\n", m.lines()))))));
        };
    }

    private static Map<String, Object> generic(Message m) {
        Map<String, Object> body = map("event", m.event(), "title", m.title(), "text", String.join("\n", m.lines()));
        if (m.alert() != null) {
            body.put("alert", m.alert());
        }
        return body;
    }

    private static String template(Message m) {
        if ("resolved".equals(m.event())) {
            return "green";
        }
        return switch (m.severity()) {
            case CRITICAL -> "red";
            case WARNING -> "orange";
            case INFO -> "blue";
        };
    }

    /** DingTalk: HMAC-SHA256 keyed with the secret over "timestamp\nsecret", Base64, then URL-encoded. */
    static String dingTalkSign(long timestampMillis, String secret) {
        return Base64.getEncoder()
                .encodeToString(hmac(
                        secret.getBytes(StandardCharsets.UTF_8),
                        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** Feishu: HMAC-SHA256 keyed with "timestamp\nsecret" over nothing, Base64; timestamp in seconds. */
    static String feishuSign(long timestampSeconds, String secret) {
        return Base64.getEncoder()
                .encodeToString(hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
    }

    /** Generic: {@code sha256=} and the hex HMAC-SHA256 keyed with the secret over "timestamp.body". */
    static String genericSign(long timestampSeconds, String secret, String body) {
        return "sha256="
                + HexFormat.of()
                        .formatHex(hmac(
                                secret.getBytes(StandardCharsets.UTF_8),
                                (timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static long seconds(Instant at) {
        return at.getEpochSecond();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
