package dev.cloudops.analysis.alerts;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A webhook as an administrator writes it. On change, a null field stays as it is; an empty secret removes it. The
 * URL is named {@code webhookUrl} so that the audit trail redacts it like the secret: the robots' URLs carry their
 * access token.
 */
@Schema(description = "Create or change an alert webhook")
public record WebhookRequest(
        @Schema(description = "1 to 63 letters, digits, '-', '_' or '.'", example = "ops-dingtalk")
        String name,

        @Schema(description = "generic, dingtalk, feishu (or lark), wecom", example = "dingtalk")
        String type,

        @Schema(
                description = "http(s) URL; for the robots the one they give, with its access token",
                example = "https://oapi.dingtalk.com/robot/send?access_token=abc")
        String webhookUrl,

        @Schema(description = "Signing secret (DingTalk SEC…, Feishu signature key, generic HMAC key); write-only")
        String secret,

        @Schema(description = "Feishu only: interactive (default) or text")
        String format,

        @Schema(description = "Only alerts of this cluster; omit for all")
        Long clusterId,

        @Schema(description = "INFO, WARNING (default) or CRITICAL")
        String minSeverity,

        @Schema(description = "Default true") Boolean enabled) {}
