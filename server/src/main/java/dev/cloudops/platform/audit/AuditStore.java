package dev.cloudops.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Append-only: rows are inserted and read, never updated or deleted by the platform. */
@Repository
class AuditStore {

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(AuditEvent e) {
        jdbc.sql("INSERT INTO audit_events (at, username, action, method, target, cluster_id, namespace_name,"
                        + " result, status_code, duration_ms, client_ip, detail) VALUES (:at, :u, :a, :m, :t, :c,"
                        + " :n, :r, :s, :d, :ip, :detail)")
                .param("at", e.at().toEpochMilli())
                .param("u", cut(e.username(), 64))
                .param("a", cut(e.action(), 255))
                .param("m", e.method())
                .param("t", cut(e.target(), 1024))
                .param("c", e.clusterId())
                .param("n", e.namespace())
                .param("r", e.result())
                .param("s", e.statusCode())
                .param("d", e.durationMs())
                .param("ip", cut(e.clientIp(), 64))
                .param("detail", e.detail())
                .update();
    }

    /** An audit row is never lost to an over-long value: it is cut to the column's size. */
    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    List<AuditEvent> find(AuditQuery q, int offset, int limit) {
        Map<String, Object> params = new TreeMap<>();
        String where = where(q, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT * FROM audit_events" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, i) -> new AuditEvent(
                        rs.getLong("id"),
                        Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getString("username"),
                        rs.getString("action"),
                        rs.getString("method"),
                        rs.getString("target"),
                        rs.getObject("cluster_id") == null ? null : rs.getLong("cluster_id"),
                        rs.getString("namespace_name"),
                        rs.getString("result"),
                        rs.getInt("status_code"),
                        rs.getLong("duration_ms"),
                        rs.getString("client_ip"),
                        rs.getString("detail")))
                .list();
    }

    long count(AuditQuery q) {
        Map<String, Object> params = new TreeMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM audit_events" + where(q, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(AuditQuery q, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        add(clauses, params, "username = :user", "user", q.user());
        add(clauses, params, "action LIKE :action", "action", q.action() == null ? null : "%" + q.action() + "%");
        add(clauses, params, "cluster_id = :cluster", "cluster", q.clusterId());
        add(clauses, params, "namespace_name = :ns", "ns", q.namespace());
        add(clauses, params, "result = :result", "result", q.result());
        add(
                clauses,
                params,
                "at >= :from",
                "from",
                q.from() == null ? null : q.from().toEpochMilli());
        add(clauses, params, "at < :to", "to", q.to() == null ? null : q.to().toEpochMilli());
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static void add(
            List<String> clauses, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.put(name, value);
        }
    }
}
