-- Saved container log snapshots; the log text itself is a gzip file under <data-dir>/logs-archive (path is
-- relative to it). Times are epoch milliseconds; first_ts and last_ts are the first and last line's timestamps
-- when the log was saved with timestamps=true.

CREATE TABLE log_snapshots (
    id ${id},
    cluster_id BIGINT NOT NULL,
    namespace_name VARCHAR(63) NOT NULL,
    pod VARCHAR(253) NOT NULL,
    container VARCHAR(63) NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    reason VARCHAR(16) NOT NULL,
    bytes BIGINT NOT NULL,
    compressed_bytes BIGINT NOT NULL,
    line_count BIGINT NOT NULL,
    first_ts BIGINT,
    last_ts BIGINT,
    path VARCHAR(255) NOT NULL,
    note VARCHAR(1024)
);
CREATE INDEX ix_log_snapshots_container ON log_snapshots (cluster_id, namespace_name, pod, container, created_at);
CREATE INDEX ix_log_snapshots_created ON log_snapshots (created_at);
