package dev.cloudops.cloud;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Cloud jobs and what they need to continue (the payload, JSON). */
@Repository
class CloudJobStore {

    /** A job with its payload. */
    record Row(CloudJobView view, JobPayload payload) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CloudJobStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(long accountId, Long cloudClusterId, String target, JobPayload payload, String by, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO cloud_jobs (account_id, cloud_cluster_id, kind, target, operation, status, phase, polls,"
                        + " started_by, created_at, updated_at) VALUES (:account, :cluster, :kind, :target, :op,"
                        + " 'RUNNING', 'SUBMITTED', 0, :by, :now, :now)")
                .param("account", accountId)
                .param("cluster", cloudClusterId)
                .param("kind", payload.operation().kind().name())
                .param("target", target)
                .param("op", json.writeValueAsString(payload))
                .param("by", by)
                .param("now", now.toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    void polled(long id, String phase, Instant now) {
        jdbc.sql("UPDATE cloud_jobs SET phase = :phase, polls = polls + 1, updated_at = :now WHERE id = :id")
                .param("phase", truncate(phase, 64))
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    void finish(long id, CloudJobView.Status status, String phase, String message, String errorCode, Instant now) {
        jdbc.sql("UPDATE cloud_jobs SET status = :status, phase = :phase, message = :message, error_code = :code,"
                        + " updated_at = :now, finished_at = :now WHERE id = :id AND status = 'RUNNING'")
                .param("status", status.name())
                .param("phase", truncate(phase, 64))
                .param("message", truncate(message, 2048))
                .param("code", errorCode)
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM cloud_jobs WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    List<Row> running() {
        return jdbc.sql("SELECT * FROM cloud_jobs WHERE status = 'RUNNING' ORDER BY id")
                .query(this::row)
                .list();
    }

    boolean runningFor(long cloudClusterId) {
        return jdbc.sql("SELECT COUNT(*) FROM cloud_jobs WHERE status = 'RUNNING' AND cloud_cluster_id = :c")
                        .param("c", cloudClusterId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<CloudJobView> list(Long accountId, Set<Long> visible, CloudJobView.Status status, int offset, int limit) {
        Map<String, Object> params = new TreeMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc
                .sql("SELECT * FROM cloud_jobs" + where(accountId, visible, status, params)
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::row)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    long count(Long accountId, Set<Long> visible, CloudJobView.Status status) {
        Map<String, Object> params = new TreeMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM cloud_jobs" + where(accountId, visible, status, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(
            Long accountId, Set<Long> visible, CloudJobView.Status status, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (accountId != null) {
            where.append(" AND account_id = :account");
            params.put("account", accountId);
        }
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", status.name());
        }
        if (visible != null) {
            if (visible.isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND account_id IN (:visible)");
                params.put("visible", visible);
            }
        }
        return where.toString();
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        long cluster = rs.getLong("cloud_cluster_id");
        boolean noCluster = rs.wasNull();
        long finished = rs.getLong("finished_at");
        boolean unfinished = rs.wasNull();
        var view = new CloudJobView(
                rs.getLong("id"),
                rs.getLong("account_id"),
                noCluster ? null : cluster,
                CloudOperation.OperationKind.valueOf(rs.getString("kind")),
                rs.getString("target"),
                CloudJobView.Status.valueOf(rs.getString("status")),
                rs.getString("phase"),
                rs.getString("message"),
                rs.getString("error_code"),
                rs.getInt("polls"),
                rs.getString("started_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                unfinished ? null : Instant.ofEpochMilli(finished));
        return new Row(view, json.readValue(rs.getString("operation"), JobPayload.class));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
