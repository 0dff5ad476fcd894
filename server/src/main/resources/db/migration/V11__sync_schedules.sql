-- Cross-cluster sync on a schedule: which objects of a source cluster to copy to which target clusters, on an
-- interval or a cron schedule, run as the user who created or last changed the schedule (owner) with that user's
-- grants at run time. objects and target_cluster_ids are JSON text. Times are epoch milliseconds; next_run_at is
-- null while the schedule is disabled. Each run is a job run (job_runs, kind cloud-sync, subject = schedule id)
-- with a per-object report.

CREATE TABLE sync_schedules (
    id ${id},
    name VARCHAR(128) NOT NULL,
    source_cluster_id BIGINT NOT NULL,
    objects ${text} NOT NULL,
    target_cluster_ids VARCHAR(1024) NOT NULL,
    target_namespace VARCHAR(63),
    interval_seconds BIGINT,
    cron VARCHAR(128),
    time_zone VARCHAR(64) NOT NULL,
    enabled BOOLEAN NOT NULL,
    owner_id BIGINT NOT NULL,
    owner VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    next_run_at BIGINT,
    last_run_at BIGINT,
    last_job_id BIGINT,
    CONSTRAINT uk_sync_schedules_name UNIQUE (name)
);
CREATE INDEX ix_sync_schedules_due ON sync_schedules (next_run_at);
