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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Cloud cluster records with their baseline settings (JSON) and the drift found by the last sync. */
@Repository
class CloudClusterStore {

    /** A record with the settings the platform last saw or set, and the last drift found (null when none). */
    record Row(CloudClusterView view, Map<String, String> baseline, Drift drift) {}

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CloudClusterStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(CloudClusterView v, Map<String, String> baseline) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO cloud_clusters (account_id, provider, region, cloud_name, cloud_id, status, version,"
                        + " endpoint, baseline, cluster_id, credentials_expire_at, last_sync_at, created_by,"
                        + " created_at, updated_at) VALUES (:account, :provider, :region, :name, :cloudId, :status,"
                        + " :version, :endpoint, :baseline, :clusterId, :expires, :synced, :by, :created, :updated)")
                .param("account", v.accountId())
                .param("provider", v.provider())
                .param("region", v.region())
                .param("name", v.name())
                .param("cloudId", v.cloudId())
                .param("status", v.status().name())
                .param("version", v.version())
                .param("endpoint", v.endpoint())
                .param("baseline", json.writeValueAsString(new TreeMap<>(baseline)))
                .param("clusterId", v.clusterId())
                .param("expires", millis(v.credentialsExpireAt()))
                .param("synced", millis(v.lastSyncAt()))
                .param("by", v.createdBy())
                .param("created", v.createdAt().toEpochMilli())
                .param("updated", v.updatedAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Records what a sync found; the baseline is replaced only when {@code baseline} is not null. */
    void synced(long id, CloudCluster live, Map<String, String> baseline, Drift drift, Instant now) {
        jdbc.sql("UPDATE cloud_clusters SET cloud_id = COALESCE(:cloudId, cloud_id), status = :status,"
                        + " version = COALESCE(:version, version), endpoint = COALESCE(:endpoint, endpoint),"
                        + " baseline = COALESCE(:baseline, baseline), drift = :drift, last_sync_at = :now,"
                        + " last_error = NULL, updated_at = :now WHERE id = :id")
                .param("cloudId", live.cloudId())
                .param("status", live.status().name())
                .param("version", live.version())
                .param("endpoint", live.endpoint())
                .param("baseline", baseline == null ? null : json.writeValueAsString(new TreeMap<>(baseline)))
                .param("drift", drift == null || drift.isEmpty() ? null : json.writeValueAsString(drift))
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    void status(long id, CloudStatus status, String error, Instant now) {
        jdbc.sql("UPDATE cloud_clusters SET status = :status, last_error = :error, updated_at = :now WHERE id = :id")
                .param("status", status.name())
                .param("error", truncate(error))
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    void error(long id, String error, Instant now) {
        jdbc.sql("UPDATE cloud_clusters SET last_error = :error, updated_at = :now WHERE id = :id")
                .param("error", truncate(error))
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    void registered(long id, Long clusterId, Instant expiresAt, Instant now) {
        jdbc.sql("UPDATE cloud_clusters SET cluster_id = :cluster, credentials_expire_at = :expires,"
                        + " last_error = NULL, updated_at = :now WHERE id = :id")
                .param("cluster", clusterId)
                .param("expires", millis(expiresAt))
                .param("now", now.toEpochMilli())
                .param("id", id)
                .update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM cloud_clusters WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    Optional<Row> find(long accountId, String region, String name) {
        return jdbc.sql("SELECT * FROM cloud_clusters WHERE account_id = :a AND region = :r AND cloud_name = :n")
                .param("a", accountId)
                .param("r", region)
                .param("n", name)
                .query(this::row)
                .optional();
    }

    List<CloudClusterView> list(Long accountId, Set<Long> visibleAccounts, int offset, int limit) {
        Map<String, Object> params = new TreeMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc
                .sql("SELECT * FROM cloud_clusters" + where(accountId, visibleAccounts, params)
                        + " ORDER BY cloud_name, id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::row)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    long count(Long accountId, Set<Long> visibleAccounts) {
        Map<String, Object> params = new TreeMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM cloud_clusters" + where(accountId, visibleAccounts, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    long countByAccount(long accountId) {
        return count(accountId, null);
    }

    /** Registered clusters whose credentials expire before {@code before}. */
    List<CloudClusterView> expiringBefore(Instant before) {
        return jdbc
                .sql("SELECT * FROM cloud_clusters WHERE cluster_id IS NOT NULL AND credentials_expire_at IS NOT NULL"
                        + " AND credentials_expire_at < :before ORDER BY credentials_expire_at")
                .param("before", before.toEpochMilli())
                .query(this::row)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM cloud_clusters WHERE id = :id").param("id", id).update();
    }

    private static String where(Long accountId, Set<Long> visible, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (accountId != null) {
            where.append(" AND account_id = :account");
            params.put("account", accountId);
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
        long cluster = rs.getLong("cluster_id");
        boolean unregistered = rs.wasNull();
        String drift = rs.getString("drift");
        var view = new CloudClusterView(
                rs.getLong("id"),
                rs.getLong("account_id"),
                rs.getString("provider"),
                rs.getString("region"),
                rs.getString("cloud_name"),
                rs.getString("cloud_id"),
                CloudStatus.valueOf(rs.getString("status")),
                rs.getString("version"),
                rs.getString("endpoint"),
                unregistered ? null : cluster,
                instant(rs, "credentials_expire_at"),
                drift != null,
                instant(rs, "last_sync_at"),
                rs.getString("last_error"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new Row(
                view,
                json.readValue(rs.getString("baseline"), STRING_MAP),
                drift == null ? null : json.readValue(drift, Drift.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1024 ? s : s.substring(0, 1021) + "...";
    }
}
