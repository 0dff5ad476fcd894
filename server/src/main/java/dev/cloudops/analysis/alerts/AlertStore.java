package dev.cloudops.analysis.alerts;

import dev.cloudops.analysis.Severity;
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

/** Alert rows; {@code open_key} makes "one open alert per workload and kind" a database rule. */
@Repository
class AlertStore {

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String openKey(long clusterId, Signal s) {
        return clusterId + "|" + s.workload().namespace() + "|" + s.workload().kind() + "|"
                + s.workload().name() + "|" + s.kind().id();
    }

    Optional<Alert> findOpen(String openKey) {
        return jdbc.sql("SELECT * FROM analysis_alerts WHERE open_key = :k")
                .param("k", openKey)
                .query(AlertStore::row)
                .optional();
    }

    /** Inserts an open alert; a concurrent insert of the same open key fails with a duplicate key. */
    long open(long clusterId, String clusterName, Signal s, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO analysis_alerts (cluster_id, cluster_name, namespace_name, workload_kind, workload_name,"
                        + " kind, severity, state, open_key, message, observed_value, baseline_value, occurrences,"
                        + " first_seen_at, last_seen_at) VALUES (:cluster, :clusterName, :ns, :wkind, :wname, :kind,"
                        + " :severity, 'open', :key, :message, :value, :baseline, 1, :at, :at)")
                .param("cluster", clusterId)
                .param("clusterName", clusterName)
                .param("ns", s.workload().namespace())
                .param("wkind", s.workload().kind())
                .param("wname", s.workload().name())
                .param("kind", s.kind().id())
                .param("severity", s.severity().name())
                .param("key", openKey(clusterId, s))
                .param("message", clip(s.message()))
                .param("value", s.value())
                .param("baseline", s.baseline())
                .param("at", at.toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Counts a repeat of an open alert; the worst severity seen stays. */
    void repeat(long id, Signal s, Severity severity, Instant at) {
        jdbc.sql("UPDATE analysis_alerts SET occurrences = occurrences + 1, last_seen_at = :at, message = :message,"
                        + " observed_value = :value, baseline_value = :baseline, severity = :severity"
                        + " WHERE id = :id AND state = 'open'")
                .param("at", at.toEpochMilli())
                .param("message", clip(s.message()))
                .param("value", s.value())
                .param("baseline", s.baseline())
                .param("severity", severity.name())
                .param("id", id)
                .update();
    }

    /** Resolves an open alert; false when it was resolved already (by another replica). */
    boolean resolve(long id, Instant at) {
        return jdbc.sql("UPDATE analysis_alerts SET state = 'resolved', open_key = NULL, resolved_at = :at"
                                + " WHERE id = :id AND state = 'open'")
                        .param("at", at.toEpochMilli())
                        .param("id", id)
                        .update()
                > 0;
    }

    boolean ack(long id, String username, Instant at) {
        return jdbc.sql("UPDATE analysis_alerts SET acked_by = :u, acked_at = :at WHERE id = :id")
                        .param("u", username)
                        .param("at", at.toEpochMilli())
                        .param("id", id)
                        .update()
                > 0;
    }

    List<Alert> openIn(long clusterId) {
        return jdbc.sql("SELECT * FROM analysis_alerts WHERE cluster_id = :c AND state = 'open'")
                .param("c", clusterId)
                .query(AlertStore::row)
                .list();
    }

    Optional<Alert> find(long id) {
        return jdbc.sql("SELECT * FROM analysis_alerts WHERE id = :id")
                .param("id", id)
                .query(AlertStore::row)
                .optional();
    }

    /** Newest first. {@code namespaces} null: every namespace. */
    List<Alert> list(long clusterId, String state, Set<String> namespaces, int offset, int limit) {
        Map<String, Object> params = new TreeMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT * FROM analysis_alerts" + where(clusterId, state, namespaces, params)
                        + " ORDER BY last_seen_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query(AlertStore::row)
                .list();
    }

    long count(long clusterId, String state, Set<String> namespaces) {
        Map<String, Object> params = new TreeMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM analysis_alerts" + where(clusterId, state, namespaces, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(long clusterId, String state, Set<String> namespaces, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE cluster_id = :cluster");
        params.put("cluster", clusterId);
        if (state != null) {
            sql.append(" AND state = :state");
            params.put("state", state);
        }
        if (namespaces != null) {
            sql.append(" AND namespace_name IN (:namespaces)");
            params.put("namespaces", namespaces.isEmpty() ? List.of("") : List.copyOf(namespaces));
        }
        return sql.toString();
    }

    private static String clip(String message) {
        return message.length() <= 1024 ? message : message.substring(0, 1021) + "...";
    }

    private static Alert row(ResultSet rs, int i) throws SQLException {
        return new Alert(
                rs.getLong("id"),
                rs.getLong("cluster_id"),
                rs.getString("cluster_name"),
                rs.getString("namespace_name"),
                rs.getString("workload_kind"),
                rs.getString("workload_name"),
                rs.getString("kind"),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("state"),
                rs.getString("message"),
                rs.getDouble("observed_value"),
                rs.getDouble("baseline_value"),
                rs.getInt("occurrences"),
                Instant.ofEpochMilli(rs.getLong("first_seen_at")),
                Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                time(rs, "resolved_at"),
                rs.getString("acked_by"),
                time(rs, "acked_at"));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
