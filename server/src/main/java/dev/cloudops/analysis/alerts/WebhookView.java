package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A webhook as the API shows it: never its URL's token or its secret.
 *
 * @param urlHint scheme, host and path of the URL; the query (where the platforms put the access token) is hidden
 * @param hasSecret true when deliveries are signed
 * @param format Feishu only: {@code interactive} (a card) or {@code text}
 * @param clusterId only alerts of this cluster; null for every cluster
 * @param minSeverity alerts below it are not sent
 */
@Schema(description = "A target alerts are delivered to")
public record WebhookView(
        long id,
        String name,
        String type,
        String urlHint,
        boolean hasSecret,
        String format,
        Long clusterId,
        Severity minSeverity,
        boolean enabled,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
