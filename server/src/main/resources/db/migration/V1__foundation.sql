-- Times are epoch milliseconds (BIGINT) so that H2, PostgreSQL and MariaDB agree without time-zone rules.

CREATE TABLE users (
    id ${id},
    username VARCHAR(64) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    disabled BOOLEAN NOT NULL,
    failed_logins INT NOT NULL,
    locked_until BIGINT,
    created_at BIGINT NOT NULL,
    CONSTRAINT uk_users_username UNIQUE (username)
);

CREATE TABLE grants (
    id ${id},
    user_id BIGINT NOT NULL,
    role VARCHAR(16) NOT NULL,
    cluster_id BIGINT,
    namespace_name VARCHAR(63),
    CONSTRAINT fk_grants_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_grants_user ON grants (user_id);

CREATE TABLE tokens (
    id ${id},
    user_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    name VARCHAR(128) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked BOOLEAN NOT NULL,
    CONSTRAINT uk_tokens_hash UNIQUE (token_hash),
    CONSTRAINT fk_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_tokens_user ON tokens (user_id);

CREATE TABLE clusters (
    id ${id},
    name VARCHAR(63) NOT NULL,
    context_name VARCHAR(253),
    env VARCHAR(32),
    tags VARCHAR(2048) NOT NULL,
    namespaces VARCHAR(4096) NOT NULL,
    kubeconfig_sealed ${text} NOT NULL,
    server_url VARCHAR(1024) NOT NULL,
    version VARCHAR(64),
    node_count INT,
    status VARCHAR(16) NOT NULL,
    status_message VARCHAR(1024),
    simulated BOOLEAN NOT NULL,
    last_seen_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uk_clusters_name UNIQUE (name)
);

CREATE TABLE cluster_status_events (
    id ${id},
    cluster_id BIGINT NOT NULL,
    from_status VARCHAR(16),
    to_status VARCHAR(16) NOT NULL,
    message VARCHAR(1024),
    at BIGINT NOT NULL,
    CONSTRAINT fk_status_cluster FOREIGN KEY (cluster_id) REFERENCES clusters (id) ON DELETE CASCADE
);
CREATE INDEX ix_status_cluster ON cluster_status_events (cluster_id, at);

CREATE TABLE audit_events (
    id ${id},
    at BIGINT NOT NULL,
    username VARCHAR(64),
    action VARCHAR(255) NOT NULL,
    method VARCHAR(8),
    target VARCHAR(1024) NOT NULL,
    cluster_id BIGINT,
    namespace_name VARCHAR(63),
    result VARCHAR(16) NOT NULL,
    status_code INT NOT NULL,
    duration_ms BIGINT NOT NULL,
    client_ip VARCHAR(64),
    detail ${text}
);
CREATE INDEX ix_audit_at ON audit_events (at);
CREATE INDEX ix_audit_user ON audit_events (username, at);

-- Fleet-wide locks so that background loops run once across replicas (ShedLock's table).
CREATE TABLE shedlock (
    name VARCHAR(64) NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at TIMESTAMP(3) NOT NULL,
    locked_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);
