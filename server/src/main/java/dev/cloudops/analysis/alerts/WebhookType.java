package dev.cloudops.analysis.alerts;

import dev.cloudops.platform.error.ApiException;
import java.util.Locale;

/** The message formats alerts can be sent in. */
public enum WebhookType {
    /** Our own JSON document, optionally signed with HMAC-SHA256 in {@code X-CloudOps-Signature}. */
    GENERIC("generic"),
    /** DingTalk custom robot: {@code msgtype markdown}; optional signing (timestamp and sign query parameters). */
    DINGTALK("dingtalk"),
    /** Feishu/Lark custom bot: {@code msg_type interactive} (a card) or {@code text}; optional signature in the body. */
    FEISHU("feishu"),
    /** WeCom (WeChat Work) group robot: {@code msgtype markdown}. */
    WECOM("wecom");

    private final String id;

    WebhookType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The type named {@code id} ({@code lark} is Feishu), or a 400 unknown-webhook-type. */
    static WebhookType of(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("lark")) {
            return FEISHU;
        }
        for (WebhookType t : values()) {
            if (t.id.equals(wanted)) {
                return t;
            }
        }
        throw ApiException.badRequest(
                "unknown-webhook-type",
                "Webhook type must be generic, dingtalk, feishu (lark) or wecom, not '" + id + "'",
                "type");
    }
}
