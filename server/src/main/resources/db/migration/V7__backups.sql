-- Long-running jobs (platform/jobs, feature-neutral): one row per run with its progress, and the per-item report
-- of a run (one row per object a backup, verify or restore handled). heartbeat_at is moved on by the replica that
-- runs the job; a queued or running job whose heartbeat stopped is marked failed (job-abandoned). Times are epoch
-- milliseconds; result is a small JSON summary written by the feature.

CREATE TABLE job_runs (
    id ${id},
    kind VARCHAR(32) NOT NULL,
    subject_id BIGINT,
    cluster_id BIGINT,
    status VARCHAR(24) NOT NULL,
    phase VARCHAR(64),
    total BIGINT NOT NULL,
    done BIGINT NOT NULL,
    failed BIGINT NOT NULL,
    code VARCHAR(64),
    message VARCHAR(1024),
    result ${text},
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    heartbeat_at BIGINT NOT NULL
);
CREATE INDEX ix_job_runs_subject ON job_runs (kind, subject_id, created_at);
CREATE INDEX ix_job_runs_status ON job_runs (status, heartbeat_at);

CREATE TABLE job_run_items (
    job_id BIGINT NOT NULL,
    seq INT NOT NULL,
    subject VARCHAR(600) NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    detail VARCHAR(1024),
    PRIMARY KEY (job_id, seq),
    CONSTRAINT fk_job_run_items_job FOREIGN KEY (job_id) REFERENCES job_runs (id) ON DELETE CASCADE
);
CREATE INDEX ix_job_run_items_outcome ON job_run_items (job_id, outcome, seq);

-- Backup definitions: what to back up of one cluster, when (a five-field cron in a time zone; null cron: manual
-- only) and how long to keep it. scope is the definition's selection as JSON (namespaces, kinds, label selector,
-- include/exclude rules). Encryption "platform": each backup's data key is sealed by the platform key.
-- "passphrase": public_key (X.509, base64) wraps each backup's data key; private_key_sealed is the PKCS#8 private
-- key encrypted with a key derived from the passphrase (kdf: its algorithm and parameters as JSON); the platform
-- never stores the passphrase. next_run_at is null while the definition has no schedule or is disabled.

CREATE TABLE backup_definitions (
    id ${id},
    name VARCHAR(128) NOT NULL,
    cluster_id BIGINT NOT NULL,
    scope ${text} NOT NULL,
    cron VARCHAR(128),
    time_zone VARCHAR(64) NOT NULL,
    keep_count INT,
    keep_seconds BIGINT,
    enabled BOOLEAN NOT NULL,
    encryption VARCHAR(16) NOT NULL,
    kdf VARCHAR(512),
    public_key ${text},
    private_key_sealed ${text},
    owner_id BIGINT NOT NULL,
    owner VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    next_run_at BIGINT,
    CONSTRAINT uk_backup_definitions_name UNIQUE (cluster_id, name)
);
CREATE INDEX ix_backup_definitions_due ON backup_definitions (next_run_at);

-- One backup (an archive and its manifest in the backup storage, both encrypted with the backup's data key).
-- data_key_sealed: the data key sealed by the platform key, or wrapped by the definition's public key.
-- archive_sha256 / manifest_sha256: SHA-256 of the stored (encrypted) files, checked before anything is read.

CREATE TABLE backups (
    id ${id},
    definition_id BIGINT NOT NULL,
    cluster_id BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    trigger_kind VARCHAR(16) NOT NULL,
    job_id BIGINT,
    encryption VARCHAR(16) NOT NULL,
    data_key_sealed ${text},
    storage_key VARCHAR(255) NOT NULL,
    object_count INT NOT NULL,
    namespace_count INT NOT NULL,
    archive_bytes BIGINT NOT NULL,
    content_bytes BIGINT NOT NULL,
    archive_sha256 VARCHAR(64),
    manifest_sha256 VARCHAR(64),
    message VARCHAR(1024),
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    CONSTRAINT fk_backups_definition FOREIGN KEY (definition_id) REFERENCES backup_definitions (id) ON DELETE CASCADE
);
CREATE INDEX ix_backups_definition ON backups (definition_id, created_at);
CREATE INDEX ix_backups_cluster ON backups (cluster_id, created_at);
