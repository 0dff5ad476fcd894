package dev.cloudops.analysis.alerts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One message to one webhook and how its delivery went.
 *
 * @param event {@code opened}, {@code resolved} or {@code test}
 * @param state {@code pending} (will be tried again at nextAttemptAt), {@code delivered} or {@code failed}
 * @param lastStatus the HTTP status of the last attempt, null when it got no answer
 */
@Schema(description = "A webhook delivery and its attempts")
public record Delivery(
        long id,
        long webhookId,
        Long alertId,
        String event,
        String state,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant deliveredAt) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
