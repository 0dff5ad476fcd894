-- Log snapshot schedules: which containers of a namespace to save on an interval or a cron schedule, and how the
-- last run went. Times are epoch milliseconds. Exactly one of workload ("deployments/web") and label_selector is
-- set, and exactly one of interval_seconds and cron. containers is a comma-separated list, empty for all of them.
-- next_run_at is null while the schedule is disabled. owner (owner_id) is the user who created or last changed it:
-- scheduled runs read logs with that user's grants.

CREATE TABLE log_schedules (
    id ${id},
    cluster_id BIGINT NOT NULL,
    namespace_name VARCHAR(63) NOT NULL,
    name VARCHAR(128) NOT NULL,
    workload VARCHAR(320),
    label_selector VARCHAR(1024),
    containers VARCHAR(1300) NOT NULL,
    interval_seconds BIGINT,
    cron VARCHAR(128),
    time_zone VARCHAR(64) NOT NULL,
    trigger_mode VARCHAR(16) NOT NULL,
    tail_lines INT,
    since_seconds INT,
    limit_bytes INT,
    enabled BOOLEAN NOT NULL,
    owner_id BIGINT NOT NULL,
    owner VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    next_run_at BIGINT,
    last_run_at BIGINT,
    last_result VARCHAR(16),
    last_message VARCHAR(1024),
    last_snapshots INT
);
CREATE INDEX ix_log_schedules_due ON log_schedules (next_run_at);
CREATE INDEX ix_log_schedules_namespace ON log_schedules (cluster_id, namespace_name);

-- The restart count a schedule with trigger "restart" last saw of each container it selects, so that it keeps a
-- crashed run's log once and only once.
CREATE TABLE log_schedule_restarts (
    schedule_id BIGINT NOT NULL,
    pod VARCHAR(253) NOT NULL,
    container VARCHAR(63) NOT NULL,
    restart_count INT NOT NULL,
    PRIMARY KEY (schedule_id, pod, container),
    CONSTRAINT fk_schedule_restarts FOREIGN KEY (schedule_id) REFERENCES log_schedules (id) ON DELETE CASCADE
);

-- The schedule that saved a snapshot (reason "schedule"); the snapshot outlives the schedule.
ALTER TABLE log_snapshots ADD COLUMN schedule_id BIGINT;
CREATE INDEX ix_log_snapshots_schedule ON log_snapshots (schedule_id, created_at);
