package dev.cloudops.cluster;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Cluster rows and their status history. Tags and namespaces are stored as newline-separated text. */
@Repository
class ClusterStore {

    /** A row as stored: the kubeconfig is sealed. */
    record Row(ClusterView view, String sealedKubeconfig) {}

    /** Listing filters; null means any. {@code visibleIds} null means every cluster. */
    record Filter(String env, ClusterStatus status, String nameContains, Set<Long> visibleIds) {}

    private final JdbcClient jdbc;

    ClusterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ClusterView v, String sealed) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO clusters (name, context_name, env, tags, namespaces, kubeconfig_sealed, server_url,"
                        + " version, node_count, status, status_message, simulated, last_seen_at, created_at,"
                        + " updated_at) VALUES (:name, :ctx, :env, :tags, :ns, :kc, :url, :ver, :nodes, :status,"
                        + " :msg, :sim, :seen, :created, :updated)")
                .params(params(v))
                .param("kc", sealed)
                .param("sim", v.simulated())
                .param("created", v.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    void update(ClusterView v, String sealed) {
        jdbc.sql("UPDATE clusters SET name = :name, context_name = :ctx, env = :env, tags = :tags, namespaces = :ns,"
                        + " kubeconfig_sealed = :kc, server_url = :url, version = :ver, node_count = :nodes,"
                        + " status = :status, status_message = :msg, last_seen_at = :seen, updated_at = :updated"
                        + " WHERE id = :id")
                .params(params(v))
                .param("kc", sealed)
                .param("id", v.id())
                .update();
    }

    void updateHealth(
            long id, ClusterStatus status, String message, String version, Integer nodes, Instant seen, Instant now) {
        jdbc.sql("UPDATE clusters SET status = :status, status_message = :msg, version = COALESCE(:ver, version),"
                        + " node_count = COALESCE(:nodes, node_count), last_seen_at = COALESCE(:seen, last_seen_at),"
                        + " updated_at = :now WHERE id = :id")
                .param("status", status.name())
                .param("msg", message)
                .param("ver", version)
                .param("nodes", nodes)
                .param("seen", seen == null ? null : seen.toEpochMilli())
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    void recordStatusChange(long id, ClusterStatus from, ClusterStatus to, String message, Instant at) {
        jdbc.sql("INSERT INTO cluster_status_events (cluster_id, from_status, to_status, message, at)"
                        + " VALUES (:id, :from, :to, :msg, :at)")
                .param("id", id)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("msg", message)
                .param("at", at.toEpochMilli())
                .update();
    }

    List<ClusterEvents.StatusChange> statusChanges(long id, int limit) {
        return jdbc.sql("SELECT from_status, to_status, message, at FROM cluster_status_events WHERE cluster_id = :id"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("id", id)
                .param("limit", limit)
                .query((rs, i) -> new ClusterEvents.StatusChange(
                        rs.getString(1) == null ? null : ClusterStatus.valueOf(rs.getString(1)),
                        ClusterStatus.valueOf(rs.getString(2)),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM clusters WHERE id = :id")
                .param("id", id)
                .query(ClusterStore::row)
                .optional();
    }

    Optional<Row> findByName(String name) {
        return jdbc.sql("SELECT * FROM clusters WHERE name = :n")
                .param("n", name)
                .query(ClusterStore::row)
                .optional();
    }

    List<Row> all() {
        return jdbc.sql("SELECT * FROM clusters ORDER BY id")
                .query(ClusterStore::row)
                .list();
    }

    List<ClusterView> list(Filter filter, int offset, int limit) {
        Map<String, Object> params = new TreeMap<>();
        String where = where(filter, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc
                .sql("SELECT * FROM clusters" + where + " ORDER BY name LIMIT :limit OFFSET :offset")
                .params(params)
                .query(ClusterStore::row)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    long count(Filter filter) {
        Map<String, Object> params = new TreeMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM clusters" + where(filter, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM clusters WHERE id = :id").param("id", id).update() > 0;
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.env() != null) {
            clauses.add("env = :env");
            params.put("env", f.env());
        }
        if (f.status() != null) {
            clauses.add("status = :status");
            params.put("status", f.status().name());
        }
        if (f.nameContains() != null) {
            clauses.add("LOWER(name) LIKE :q");
            params.put("q", "%" + f.nameContains().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        if (f.visibleIds() != null) {
            if (f.visibleIds().isEmpty()) {
                clauses.add("1 = 0");
            } else {
                clauses.add("id IN (:ids)");
                params.put("ids", f.visibleIds());
            }
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static Map<String, Object> params(ClusterView v) {
        Map<String, Object> p = new TreeMap<>();
        p.put("name", v.name());
        p.put("ctx", v.context());
        p.put("env", v.env());
        p.put("tags", String.join("\n", v.tags()));
        p.put("ns", String.join("\n", v.namespaces()));
        p.put("url", v.serverUrl());
        p.put("ver", v.version());
        p.put("nodes", v.nodeCount());
        p.put("status", v.status().name());
        p.put("msg", v.statusMessage());
        p.put("seen", v.lastSeenAt() == null ? null : v.lastSeenAt().toEpochMilli());
        p.put("updated", v.updatedAt().toEpochMilli());
        return p;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        long seen = rs.getLong("last_seen_at");
        boolean seenNull = rs.wasNull();
        int nodes = rs.getInt("node_count");
        boolean nodesNull = rs.wasNull();
        var view = new ClusterView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("context_name"),
                rs.getString("env"),
                split(rs.getString("tags")),
                split(rs.getString("namespaces")),
                rs.getString("server_url"),
                rs.getString("version"),
                nodesNull ? null : nodes,
                ClusterStatus.valueOf(rs.getString("status")),
                rs.getString("status_message"),
                rs.getBoolean("simulated"),
                seenNull ? null : Instant.ofEpochMilli(seen),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new Row(view, rs.getString("kubeconfig_sealed"));
    }

    private static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
    }
}
