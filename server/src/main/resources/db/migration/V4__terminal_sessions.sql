-- Interactive terminal sessions. A session is created with a single-use ticket (only its SHA-256 is stored) that
-- a WebSocket must present before expires_at; attaching consumes it atomically, so a ticket works once across
-- every replica. The replica holding a session refreshes heartbeat_at; an open session whose heartbeat stopped
-- (its replica died) is closed by any other. kill_requested lets an admin on any replica close a session held by another. The asciicast
-- recording lives under <data-dir>/terminal-recordings. Times are epoch milliseconds.
CREATE TABLE terminal_sessions (
    id VARCHAR(36) NOT NULL,
    ticket_hash VARCHAR(64) NOT NULL,
    username VARCHAR(64) NOT NULL,
    cluster_id BIGINT NOT NULL,
    namespace_name VARCHAR(63) NOT NULL,
    pod VARCHAR(253) NOT NULL,
    container VARCHAR(63) NOT NULL,
    shell VARCHAR(255),
    cols INT NOT NULL,
    term_rows INT NOT NULL,
    status VARCHAR(16) NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attached_at BIGINT,
    heartbeat_at BIGINT,
    closed_at BIGINT,
    close_reason VARCHAR(255),
    exit_code INT,
    kill_requested BOOLEAN NOT NULL,
    replica VARCHAR(255),
    operation_id BIGINT,
    recording_bytes BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT uk_terminal_ticket UNIQUE (ticket_hash)
);
CREATE INDEX ix_terminal_user ON terminal_sessions (username, status);
CREATE INDEX ix_terminal_status ON terminal_sessions (status, created_at);
