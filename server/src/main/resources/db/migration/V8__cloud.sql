-- Cloud accounts, the cloud clusters the platform manages through them, and the long-running cloud operations
-- (jobs). Credentials are sealed (AES-256-GCM, see SecretSealer) and never leave the server. Times are epoch
-- milliseconds; settings and requests are JSON text.

CREATE TABLE cloud_accounts (
    id ${id},
    name VARCHAR(63) NOT NULL,
    provider VARCHAR(16) NOT NULL,
    regions VARCHAR(2048) NOT NULL,
    credentials_sealed ${text} NOT NULL,
    key_hint VARCHAR(16),
    role_arn VARCHAR(2048),
    endpoints VARCHAR(4096) NOT NULL,
    identity VARCHAR(2048),
    identity_account VARCHAR(64),
    validated_at BIGINT,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uk_cloud_accounts_name UNIQUE (name)
);

-- Who besides platform administrators may use an account, and how far (VIEWER, OPERATOR, ADMIN).
CREATE TABLE cloud_account_grants (
    id ${id},
    account_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role VARCHAR(16) NOT NULL,
    CONSTRAINT uk_cloud_account_grants UNIQUE (account_id, user_id),
    CONSTRAINT fk_cloud_grants_account FOREIGN KEY (account_id) REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    CONSTRAINT fk_cloud_grants_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_cloud_grants_user ON cloud_account_grants (user_id);

-- A cloud cluster known to the platform (imported or created through it). baseline holds the cloud settings as
-- the platform last saw or set them; a live value that differs from it is drift, shown before any write.
-- cluster_id is the registry cluster (clusters.id) it was registered as, if any; no foreign key, because the
-- registry may remove that cluster on its own.
CREATE TABLE cloud_clusters (
    id ${id},
    account_id BIGINT NOT NULL,
    provider VARCHAR(16) NOT NULL,
    region VARCHAR(64) NOT NULL,
    cloud_name VARCHAR(255) NOT NULL,
    cloud_id VARCHAR(2048),
    status VARCHAR(16) NOT NULL,
    version VARCHAR(32),
    endpoint VARCHAR(1024),
    baseline ${text} NOT NULL,
    drift ${text},
    cluster_id BIGINT,
    credentials_expire_at BIGINT,
    last_sync_at BIGINT,
    last_error VARCHAR(1024),
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT uk_cloud_clusters UNIQUE (account_id, region, cloud_name),
    CONSTRAINT fk_cloud_clusters_account FOREIGN KEY (account_id) REFERENCES cloud_accounts (id)
);
CREATE INDEX ix_cloud_clusters_expiry ON cloud_clusters (credentials_expire_at);

-- Long cloud operations (create or delete a cluster, upgrades, node group changes), polled until they end.
CREATE TABLE cloud_jobs (
    id ${id},
    account_id BIGINT NOT NULL,
    cloud_cluster_id BIGINT,
    kind VARCHAR(32) NOT NULL,
    target VARCHAR(512) NOT NULL,
    operation ${text} NOT NULL,
    status VARCHAR(16) NOT NULL,
    phase VARCHAR(64),
    message VARCHAR(2048),
    error_code VARCHAR(64),
    polls INT NOT NULL,
    started_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT,
    CONSTRAINT fk_cloud_jobs_account FOREIGN KEY (account_id) REFERENCES cloud_accounts (id) ON DELETE CASCADE
);
CREATE INDEX ix_cloud_jobs_status ON cloud_jobs (status, id);
CREATE INDEX ix_cloud_jobs_account ON cloud_jobs (account_id, id);
