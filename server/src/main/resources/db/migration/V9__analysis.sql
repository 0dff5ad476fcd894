-- Analysis scans (dev.cloudops.analysis): one row per scan of a cluster (or one of its namespaces) with its status,
-- what it found in summary and its 0-100 scores per category, and one row per finding. A scan runs as a job
-- (job_runs, kind analysis-scan, subject_id = the scan's id) for its progress. analyzers is the comma-separated
-- list asked for (null: every analyzer); ran those that did run. by_category, scores and notes are JSON text.
-- Times are epoch milliseconds. Only the newest scans of each cluster are kept (cloudops.analysis.scans.keep).

CREATE TABLE analysis_scans (
    id ${id},
    cluster_id BIGINT NOT NULL,
    namespace VARCHAR(63),
    analyzers VARCHAR(512),
    ran VARCHAR(512),
    created_by VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL,
    code VARCHAR(64),
    message VARCHAR(1024),
    job_id BIGINT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    objects_examined INT,
    critical_count INT,
    warning_count INT,
    info_count INT,
    finding_count INT,
    by_category ${text},
    scores ${text},
    notes ${text}
);
CREATE INDEX ix_analysis_scans_cluster ON analysis_scans (cluster_id, id);

-- severity_rank orders findings worst first (CRITICAL 2, WARNING 1, INFO 0); patch is an RFC 6902 patch as JSON.
CREATE TABLE analysis_findings (
    scan_id BIGINT NOT NULL,
    seq INT NOT NULL,
    check_id VARCHAR(128) NOT NULL,
    category VARCHAR(16) NOT NULL,
    severity VARCHAR(16) NOT NULL,
    severity_rank INT NOT NULL,
    subject_api_version VARCHAR(255),
    subject_kind VARCHAR(128),
    subject_namespace VARCHAR(63),
    subject_name VARCHAR(253),
    container VARCHAR(253),
    message ${text} NOT NULL,
    fix ${text},
    patch ${text},
    PRIMARY KEY (scan_id, seq),
    CONSTRAINT fk_analysis_findings_scan FOREIGN KEY (scan_id) REFERENCES analysis_scans (id) ON DELETE CASCADE
);
CREATE INDEX ix_analysis_findings_rank ON analysis_findings (scan_id, severity_rank, seq);
