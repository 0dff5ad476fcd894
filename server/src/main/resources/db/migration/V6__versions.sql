-- YAML version control. A tracked resource is one Kubernetes object (cluster, API group, kind, namespace — '' for
-- cluster-scoped kinds — and name); tracking = FALSE keeps its history but captures nothing more, and stops
-- automatic tracking from taking it up again. Each version holds the object in stable form (server-managed fields
-- and status dropped, keys sorted) as YAML and as JSON, content_hash being the SHA-256 of the YAML (the commit
-- hash). Secret values are replaced by keyed fingerprints in both; the values themselves are in sealed_data, sealed
-- with the platform key. version_number counts per resource across branches; exactly one version per resource
-- is_current (the live object's), on branch 'main', the line the cluster follows. A deletion is a version with
-- deleted = TRUE and empty content. Times are epoch milliseconds.
CREATE TABLE tracked_resources (
    id ${id},
    cluster_id BIGINT NOT NULL,
    api_group VARCHAR(253) NOT NULL,
    api_version VARCHAR(317) NOT NULL,
    kind VARCHAR(63) NOT NULL,
    namespace_name VARCHAR(63) NOT NULL,
    name VARCHAR(253) NOT NULL,
    tracking BOOLEAN NOT NULL,
    auto_tracked BOOLEAN NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT uk_tracked_object UNIQUE (cluster_id, api_group, kind, namespace_name, name)
);

CREATE TABLE resource_versions (
    id ${id},
    resource_id BIGINT NOT NULL,
    version_number INT NOT NULL,
    branch VARCHAR(63) NOT NULL,
    parent_id BIGINT,
    content_hash VARCHAR(64) NOT NULL,
    yaml_content ${text} NOT NULL,
    json_content ${text} NOT NULL,
    sealed_data ${text},
    deleted BOOLEAN NOT NULL,
    is_current BOOLEAN NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    change_source VARCHAR(16) NOT NULL,
    change_log VARCHAR(1024),
    summary VARCHAR(1024) NOT NULL,
    lines_added INT NOT NULL,
    lines_removed INT NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT uk_version_number UNIQUE (resource_id, version_number),
    CONSTRAINT fk_version_resource FOREIGN KEY (resource_id) REFERENCES tracked_resources (id) ON DELETE CASCADE
);
CREATE INDEX ix_versions_current ON resource_versions (resource_id, is_current);
CREATE INDEX ix_versions_branch ON resource_versions (resource_id, branch, version_number);

-- Tags name versions; a tag is unique per resource.
CREATE TABLE version_tags (
    id ${id},
    resource_id BIGINT NOT NULL,
    version_id BIGINT NOT NULL,
    tag VARCHAR(63) NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT uk_version_tag UNIQUE (resource_id, tag),
    CONSTRAINT fk_tag_version FOREIGN KEY (version_id) REFERENCES resource_versions (id) ON DELETE CASCADE
);

-- Branches other than 'main': created from a version (base), moved by commits (head); their versions are never
-- current until the head is applied, which records a new version on 'main'.
CREATE TABLE version_branches (
    id ${id},
    resource_id BIGINT NOT NULL,
    name VARCHAR(63) NOT NULL,
    base_version_id BIGINT NOT NULL,
    head_version_id BIGINT NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL,
    CONSTRAINT uk_branch_name UNIQUE (resource_id, name),
    CONSTRAINT fk_branch_resource FOREIGN KEY (resource_id) REFERENCES tracked_resources (id) ON DELETE CASCADE
);
