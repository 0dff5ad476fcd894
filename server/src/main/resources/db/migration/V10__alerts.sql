-- Alerts the anomaly detector raised against a workload's own baseline, the webhooks they are sent to, and every
-- delivery attempt. Times are epoch milliseconds.
--
-- An alert is open until its condition clears. open_key (cluster|namespace|workload kind|workload name|alert kind)
-- is set only while it is open, so the unique constraint allows one open alert per workload and kind across every
-- replica of the platform (NULLs do not collide in H2, PostgreSQL or MariaDB); a repeat updates occurrences and
-- last_seen_at instead of adding a row.
CREATE TABLE analysis_alerts (
    id ${id},
    cluster_id BIGINT NOT NULL,
    cluster_name VARCHAR(255) NOT NULL,
    namespace_name VARCHAR(63) NOT NULL,
    workload_kind VARCHAR(32) NOT NULL,
    workload_name VARCHAR(253) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    severity VARCHAR(16) NOT NULL,
    state VARCHAR(16) NOT NULL,
    open_key VARCHAR(700),
    message VARCHAR(1024) NOT NULL,
    observed_value DOUBLE PRECISION NOT NULL,
    baseline_value DOUBLE PRECISION NOT NULL,
    occurrences INT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    resolved_at BIGINT,
    acked_by VARCHAR(64),
    acked_at BIGINT,
    CONSTRAINT uk_analysis_alerts_open UNIQUE (open_key)
);
CREATE INDEX ix_analysis_alerts_cluster ON analysis_alerts (cluster_id, state, last_seen_at);

-- Where alerts are sent. The URL is sealed like the signing secret: DingTalk, Feishu and WeCom put their access
-- token in it. url_hint is the URL without query or token, for people. cluster_id null: alerts of every cluster.
CREATE TABLE alert_webhooks (
    id ${id},
    name VARCHAR(63) NOT NULL,
    type VARCHAR(16) NOT NULL,
    url_sealed ${text} NOT NULL,
    url_hint VARCHAR(512) NOT NULL,
    secret_sealed ${text},
    message_format VARCHAR(16),
    cluster_id BIGINT,
    min_severity VARCHAR(16) NOT NULL,
    enabled BOOLEAN NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uk_alert_webhooks_name UNIQUE (name)
);

-- One message to one webhook (an alert opened or resolved, or a test) and how its delivery went: pending until
-- delivered or out of attempts (failed). The body is kept unsigned; signatures carry a time and are made per attempt.
CREATE TABLE alert_deliveries (
    id ${id},
    webhook_id BIGINT NOT NULL,
    alert_id BIGINT,
    event VARCHAR(16) NOT NULL,
    body ${text} NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INT NOT NULL,
    next_attempt_at BIGINT,
    last_status INT,
    last_error VARCHAR(1024),
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    CONSTRAINT fk_alert_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES alert_webhooks (id) ON DELETE CASCADE
);
CREATE INDEX ix_alert_deliveries_due ON alert_deliveries (state, next_attempt_at);
CREATE INDEX ix_alert_deliveries_webhook ON alert_deliveries (webhook_id, created_at);
