-- What was done inside containers (the plan's ContainerOperation): one-shot exec commands, terminal sessions and
-- file changes, with who, where, the outcome and (capped) output. Times are epoch milliseconds.
CREATE TABLE container_operations (
    id ${id},
    kind VARCHAR(16) NOT NULL,
    cluster_id BIGINT NOT NULL,
    namespace_name VARCHAR(63) NOT NULL,
    pod VARCHAR(253) NOT NULL,
    container VARCHAR(63) NOT NULL,
    username VARCHAR(64) NOT NULL,
    command ${text} NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    exit_code INT,
    started_at BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    output ${text},
    output_truncated BOOLEAN NOT NULL,
    session_id VARCHAR(64),
    detail VARCHAR(1024)
);
CREATE INDEX ix_container_ops_target ON container_operations (cluster_id, namespace_name, pod, container, started_at);
CREATE INDEX ix_container_ops_user ON container_operations (username, started_at);

-- Command policy for exec and terminals: allow and deny rules per role, cluster and namespace. A null role,
-- cluster or namespace matches any. argv0 is a glob on the program (its path or file name); pattern is a
-- regular expression on the whole command line (arguments joined by single spaces).
CREATE TABLE exec_rules (
    id ${id},
    effect VARCHAR(8) NOT NULL,
    scope VARCHAR(16) NOT NULL,
    role VARCHAR(16),
    cluster_id BIGINT,
    namespace_name VARCHAR(63),
    argv0 VARCHAR(255),
    pattern VARCHAR(1024),
    description VARCHAR(255),
    created_by VARCHAR(64) NOT NULL,
    created_at BIGINT NOT NULL
);

-- The default policy: whoever may exec (operators and admins) may run any command; only admins open terminals.
INSERT INTO exec_rules (effect, scope, role, cluster_id, namespace_name, argv0, pattern, description, created_by,
                        created_at)
VALUES ('ALLOW', 'COMMAND', NULL, NULL, NULL, '*', NULL, 'default: any command for those who may exec', 'system', 0);
INSERT INTO exec_rules (effect, scope, role, cluster_id, namespace_name, argv0, pattern, description, created_by,
                        created_at)
VALUES ('ALLOW', 'TERMINAL', 'ADMIN', NULL, NULL, '*', NULL, 'default: terminals for admins', 'system', 0);
