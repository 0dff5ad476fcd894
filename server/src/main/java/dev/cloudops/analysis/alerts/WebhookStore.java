package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Webhook rows (URL and secret sealed) and their deliveries. */
@Repository
class WebhookStore {

    /** A webhook as stored. */
    record Row(WebhookView view, String sealedUrl, String sealedSecret) {}

    /** A delivery due for an attempt, with what is needed to make it. */
    record Due(Delivery delivery, String body) {}

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(WebhookView v, String sealedUrl, String sealedSecret) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO alert_webhooks (name, type, url_sealed, url_hint, secret_sealed, message_format,"
                        + " cluster_id, min_severity, enabled, created_by, created_at, updated_at) VALUES (:name, :type,"
                        + " :url, :hint, :secret, :format, :cluster, :severity, :enabled, :by, :at, :at)")
                .param("name", v.name())
                .param("type", v.type())
                .param("url", sealedUrl)
                .param("hint", v.urlHint())
                .param("secret", sealedSecret)
                .param("format", v.format())
                .param("cluster", v.clusterId())
                .param("severity", v.minSeverity().name())
                .param("enabled", v.enabled())
                .param("by", v.createdBy())
                .param("at", v.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    void update(WebhookView v, String sealedUrl, String sealedSecret) {
        jdbc.sql("UPDATE alert_webhooks SET name = :name, type = :type, url_sealed = :url, url_hint = :hint,"
                        + " secret_sealed = :secret, message_format = :format, cluster_id = :cluster,"
                        + " min_severity = :severity, enabled = :enabled, updated_at = :at WHERE id = :id")
                .param("name", v.name())
                .param("type", v.type())
                .param("url", sealedUrl)
                .param("hint", v.urlHint())
                .param("secret", sealedSecret)
                .param("format", v.format())
                .param("cluster", v.clusterId())
                .param("severity", v.minSeverity().name())
                .param("enabled", v.enabled())
                .param("at", v.updatedAt().toEpochMilli())
                .param("id", v.id())
                .update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM alert_webhooks WHERE id = :id")
                .param("id", id)
                .query(WebhookStore::row)
                .optional();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_webhooks WHERE name = :n AND id <> :id")
                        .param("n", name)
                        .param("id", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<WebhookView> list(int offset, int limit) {
        return jdbc
                .sql("SELECT * FROM alert_webhooks ORDER BY name LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(WebhookStore::row)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM alert_webhooks").query(Long.class).single();
    }

    /** Enabled webhooks that take alerts of this cluster and severity. */
    List<WebhookView> targets(long clusterId, Severity severity) {
        return jdbc
                .sql("SELECT * FROM alert_webhooks WHERE enabled = TRUE AND (cluster_id IS NULL OR cluster_id = :c)")
                .param("c", clusterId)
                .query(WebhookStore::row)
                .list()
                .stream()
                .map(Row::view)
                .filter(w -> severity.compareTo(w.minSeverity()) >= 0)
                .toList();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM alert_webhooks WHERE id = :id").param("id", id).update();
    }

    long enqueue(long webhookId, Long alertId, String event, String body, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO alert_deliveries (webhook_id, alert_id, event, body, state, attempts, next_attempt_at,"
                        + " created_at) VALUES (:w, :a, :e, :b, 'pending', 0, :at, :at)")
                .param("w", webhookId)
                .param("a", alertId)
                .param("e", event)
                .param("b", body)
                .param("at", at.toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    List<Due> due(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM alert_deliveries WHERE state = 'pending' AND next_attempt_at <= :now"
                        + " ORDER BY next_attempt_at, id LIMIT :limit")
                .param("now", now.toEpochMilli())
                .param("limit", limit)
                .query((rs, i) -> new Due(delivery(rs, i), rs.getString("body")))
                .list();
    }

    Optional<Due> findDelivery(long id) {
        return jdbc.sql("SELECT * FROM alert_deliveries WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> new Due(delivery(rs, i), rs.getString("body")))
                .optional();
    }

    /** Records one attempt; {@code next} null and not delivered: given up. */
    void attempted(long id, int attempts, String state, Instant next, Integer status, String error, Instant at) {
        jdbc.sql("UPDATE alert_deliveries SET attempts = :n, state = :s, next_attempt_at = :next, last_status = :st,"
                        + " last_error = :err, delivered_at = :delivered WHERE id = :id")
                .param("n", attempts)
                .param("s", state)
                .param("next", next == null ? null : next.toEpochMilli())
                .param("st", status)
                .param("err", error == null ? null : error.length() > 1024 ? error.substring(0, 1024) : error)
                .param("delivered", Delivery.DELIVERED.equals(state) ? at.toEpochMilli() : null)
                .param("id", id)
                .update();
    }

    List<Delivery> deliveries(long webhookId, int offset, int limit) {
        return jdbc.sql("SELECT * FROM alert_deliveries WHERE webhook_id = :w ORDER BY id DESC LIMIT :limit"
                        + " OFFSET :offset")
                .param("w", webhookId)
                .param("limit", limit)
                .param("offset", offset)
                .query(WebhookStore::delivery)
                .list();
    }

    long countDeliveries(long webhookId) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_deliveries WHERE webhook_id = :w")
                .param("w", webhookId)
                .query(Long.class)
                .single();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        long cluster = rs.getLong("cluster_id");
        Long clusterId = rs.wasNull() ? null : cluster;
        return new Row(
                new WebhookView(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("type"),
                        rs.getString("url_hint"),
                        rs.getString("secret_sealed") != null,
                        rs.getString("message_format"),
                        clusterId,
                        Severity.valueOf(rs.getString("min_severity")),
                        rs.getBoolean("enabled"),
                        rs.getString("created_by"),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))),
                rs.getString("url_sealed"),
                rs.getString("secret_sealed"));
    }

    private static Delivery delivery(ResultSet rs, int i) throws SQLException {
        long alert = rs.getLong("alert_id");
        Long alertId = rs.wasNull() ? null : alert;
        long next = rs.getLong("next_attempt_at");
        Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        long delivered = rs.getLong("delivered_at");
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("webhook_id"),
                alertId,
                rs.getString("event"),
                rs.getString("state"),
                rs.getInt("attempts"),
                nextAt,
                lastStatus,
                rs.getString("last_error"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                deliveredAt);
    }
}
