package dev.cloudops.versions;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The rows of tracked resources and their versions; tags and branches are in {@link RefStore}. */
@Repository
class VersionStore {

    /** A tracked resource. */
    record ResourceRow(
            long id,
            ObjectKey key,
            String apiVersion,
            boolean tracking,
            boolean autoTracked,
            String createdBy,
            Instant createdAt) {}

    /** A version without its content. */
    record VersionRow(
            long id,
            long resourceId,
            int number,
            String branch,
            Long parentId,
            Integer parentNumber,
            String hash,
            boolean deleted,
            boolean current,
            String createdBy,
            String source,
            String changeLog,
            String summary,
            int linesAdded,
            int linesRemoved,
            Instant createdAt) {}

    /** A version's content: YAML, JSON and, for Secrets, the sealed values. */
    record Content(String yaml, String json, String sealed) {}

    /** What the watch side keeps in memory per tracked object. */
    record IndexRow(ObjectKey key, long resourceId, boolean tracking, String hash, int number) {}

    /** A filter over tracked resources; null members match anything, an empty namespace set matches nothing. */
    record Filter(long clusterId, Collection<String> namespaces, String namespace, String kind, String name) {}

    private static final String VERSION_COLUMNS = "v.id, v.resource_id, v.version_number, v.branch, v.parent_id,"
            + " p.version_number AS parent_number, v.content_hash, v.deleted, v.is_current, v.created_by,"
            + " v.change_source, v.change_log, v.summary, v.lines_added, v.lines_removed, v.created_at";
    private static final String VERSION_FROM =
            " FROM resource_versions v LEFT JOIN resource_versions p ON p.id = v.parent_id";

    private final JdbcClient jdbc;

    VersionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- tracked resources

    long insertResource(ObjectKey key, String apiVersion, boolean autoTracked, String createdBy, Instant at) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO tracked_resources (cluster_id, api_group, api_version, kind, namespace_name, name,"
                        + " tracking, auto_tracked, created_by, created_at) VALUES (:c, :g, :av, :k, :n, :name, TRUE,"
                        + " :auto, :by, :at)")
                .param("c", key.clusterId())
                .param("g", key.group())
                .param("av", apiVersion)
                .param("k", key.kind())
                .param("n", key.namespace())
                .param("name", key.name())
                .param("auto", autoTracked)
                .param("by", createdBy)
                .param("at", at.toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    Optional<ResourceRow> resource(long id) {
        return jdbc.sql("SELECT * FROM tracked_resources WHERE id = :id")
                .param("id", id)
                .query(VersionStore::resourceRow)
                .optional();
    }

    Optional<ResourceRow> resource(ObjectKey key) {
        return jdbc.sql("SELECT * FROM tracked_resources WHERE cluster_id = :c AND api_group = :g AND kind = :k"
                        + " AND namespace_name = :n AND name = :name")
                .param("c", key.clusterId())
                .param("g", key.group())
                .param("k", key.kind())
                .param("n", key.namespace())
                .param("name", key.name())
                .query(VersionStore::resourceRow)
                .optional();
    }

    List<ResourceRow> resources(Filter f, int offset, int limit) {
        return filtered(
                        "SELECT * FROM tracked_resources",
                        f,
                        " ORDER BY namespace_name, kind, name, id LIMIT :limit" + " OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(VersionStore::resourceRow)
                .list();
    }

    long countResources(Filter f) {
        return filtered("SELECT COUNT(*) FROM tracked_resources", f, "")
                .query(Long.class)
                .single();
    }

    private JdbcClient.StatementSpec filtered(String select, Filter f, String tail) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE cluster_id = :c");
        Map<String, Object> params = new HashMap<>();
        params.put("c", f.clusterId());
        if (f.namespaces() != null) {
            if (f.namespaces().isEmpty()) {
                sql.append(" AND 1 = 0");
            } else {
                sql.append(" AND namespace_name IN (:allowed)");
                params.put("allowed", f.namespaces());
            }
        }
        if (f.namespace() != null) {
            sql.append(" AND namespace_name = :n");
            params.put("n", f.namespace());
        }
        if (f.kind() != null) {
            sql.append(" AND LOWER(kind) = :k");
            params.put("k", f.kind().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.name() != null) {
            sql.append(" AND name = :name");
            params.put("name", f.name());
        }
        return jdbc.sql(sql + tail).params(params);
    }

    /**
     * Locks a tracked resource's row until the transaction ends, so that versions of one object are recorded one
     * after the other: each reads the current version only once it holds the lock.
     */
    void lock(long id) {
        jdbc.sql("SELECT id FROM tracked_resources WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Long.class)
                .list();
    }

    void setTracking(long id, boolean tracking) {
        jdbc.sql("UPDATE tracked_resources SET tracking = :t WHERE id = :id")
                .param("t", tracking)
                .param("id", id)
                .update();
    }

    void setApiVersion(long id, String apiVersion) {
        jdbc.sql("UPDATE tracked_resources SET api_version = :av WHERE id = :id")
                .param("av", apiVersion)
                .param("id", id)
                .update();
    }

    /** Deletes a tracked resource with its versions, tags and branches. */
    void deleteResource(long id) {
        jdbc.sql("DELETE FROM tracked_resources WHERE id = :id").param("id", id).update();
    }

    /** Deletes everything tracked on a cluster; answers how many resources went. */
    int deleteCluster(long clusterId) {
        return jdbc.sql("DELETE FROM tracked_resources WHERE cluster_id = :c")
                .param("c", clusterId)
                .update();
    }

    /** The kinds tracked explicitly on a cluster (those the watch must cover besides the automatic ones). */
    List<String[]> trackedKinds(long clusterId) {
        return jdbc.sql("SELECT DISTINCT api_version, kind FROM tracked_resources WHERE cluster_id = :c"
                        + " AND tracking = TRUE")
                .param("c", clusterId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    /** Every tracked object of a cluster with its current hash, for the watch side's index. */
    List<IndexRow> index(long clusterId) {
        return jdbc.sql("SELECT r.id, r.api_group, r.kind, r.namespace_name, r.name, r.tracking, v.content_hash,"
                        + " v.version_number FROM tracked_resources r LEFT JOIN resource_versions v ON"
                        + " v.resource_id = r.id AND v.is_current = TRUE WHERE r.cluster_id = :c")
                .param("c", clusterId)
                .query((rs, i) -> new IndexRow(
                        new ObjectKey(clusterId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                        rs.getLong(1),
                        rs.getBoolean(6),
                        rs.getString(7),
                        rs.getInt(8)))
                .list();
    }

    // --- versions

    Optional<VersionRow> current(long resourceId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + VERSION_FROM
                        + " WHERE v.resource_id = :r AND v.is_current = TRUE")
                .param("r", resourceId)
                .query(VersionStore::versionRow)
                .optional();
    }

    Optional<VersionRow> version(long id) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + VERSION_FROM + " WHERE v.id = :id")
                .param("id", id)
                .query(VersionStore::versionRow)
                .optional();
    }

    Optional<VersionRow> version(long resourceId, int number) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + VERSION_FROM
                        + " WHERE v.resource_id = :r AND v.version_number = :n")
                .param("r", resourceId)
                .param("n", number)
                .query(VersionStore::versionRow)
                .optional();
    }

    /** The newest version on a branch, or empty when the branch has none of its own. */
    Optional<VersionRow> latestOn(long resourceId, String branch) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + VERSION_FROM + " WHERE v.resource_id = :r AND v.branch = :b"
                        + " ORDER BY v.version_number DESC LIMIT 1")
                .param("r", resourceId)
                .param("b", branch)
                .query(VersionStore::versionRow)
                .optional();
    }

    Content content(long versionId) {
        return jdbc.sql("SELECT yaml_content, json_content, sealed_data FROM resource_versions WHERE id = :id")
                .param("id", versionId)
                .query((rs, i) -> new Content(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    /**
     * Versions of a resource, newest first. {@code branch} null lists all; otherwise that branch's own versions
     * and, when {@code upToNumber} is set, the versions of {@code main} up to it (the line the branch grew from).
     */
    List<VersionRow> versions(long resourceId, String branch, Integer upToNumber, int offset, int limit) {
        return versionFilter("SELECT " + VERSION_COLUMNS + VERSION_FROM, resourceId, branch, upToNumber)
                .append(" ORDER BY v.version_number DESC LIMIT :limit OFFSET :offset")
                .spec(jdbc)
                .param("limit", limit)
                .param("offset", offset)
                .query(VersionStore::versionRow)
                .list();
    }

    long countVersions(long resourceId, String branch, Integer upToNumber) {
        return versionFilter("SELECT COUNT(*) FROM resource_versions v", resourceId, branch, upToNumber)
                .spec(jdbc)
                .query(Long.class)
                .single();
    }

    private record Sql(StringBuilder text, Map<String, Object> params) {
        Sql append(String more) {
            text.append(more);
            return this;
        }

        JdbcClient.StatementSpec spec(JdbcClient jdbc) {
            return jdbc.sql(text.toString()).params(params);
        }
    }

    private static Sql versionFilter(String select, long resourceId, String branch, Integer upToNumber) {
        Map<String, Object> params = new HashMap<>();
        params.put("r", resourceId);
        StringBuilder sql = new StringBuilder(select).append(" WHERE v.resource_id = :r");
        if (branch != null) {
            params.put("b", branch);
            if (upToNumber == null) {
                sql.append(" AND v.branch = :b");
            } else {
                sql.append(" AND (v.branch = :b OR (v.branch = 'main' AND v.version_number <= :upTo))");
                params.put("upTo", upToNumber);
            }
        }
        return new Sql(sql, params);
    }

    int maxNumber(long resourceId) {
        return jdbc.sql("SELECT COALESCE(MAX(version_number), 0) FROM resource_versions WHERE resource_id = :r")
                .param("r", resourceId)
                .query(Integer.class)
                .single();
    }

    void clearCurrent(long resourceId) {
        jdbc.sql("UPDATE resource_versions SET is_current = FALSE WHERE resource_id = :r AND is_current = TRUE")
                .param("r", resourceId)
                .update();
    }

    /** A version to insert; its number must be new for the resource (the unique key refuses a duplicate). */
    record NewVersion(
            long resourceId,
            int number,
            String branch,
            Long parentId,
            String hash,
            Content content,
            boolean deleted,
            boolean current,
            String createdBy,
            String source,
            String changeLog,
            String summary,
            int linesAdded,
            int linesRemoved,
            Instant createdAt) {}

    long insertVersion(NewVersion v) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO resource_versions (resource_id, version_number, branch, parent_id, content_hash,"
                        + " yaml_content, json_content, sealed_data, deleted, is_current, created_by, change_source,"
                        + " change_log, summary, lines_added, lines_removed, created_at) VALUES (:r, :n, :b, :p, :h,"
                        + " :y, :j, :s, :d, :cur, :by, :src, :log, :sum, :la, :lr, :at)")
                .param("r", v.resourceId())
                .param("n", v.number())
                .param("b", v.branch())
                .param("p", v.parentId())
                .param("h", v.hash())
                .param("y", v.content().yaml())
                .param("j", v.content().json())
                .param("s", v.content().sealed())
                .param("d", v.deleted())
                .param("cur", v.current())
                .param("by", v.createdBy())
                .param("src", v.source())
                .param("log", v.changeLog())
                .param("sum", v.summary())
                .param("la", v.linesAdded())
                .param("lr", v.linesRemoved())
                .param("at", v.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Gives a version another author, source and change log (a change first seen by watch, then claimed). */
    void attribute(long versionId, String createdBy, String source, String changeLog) {
        jdbc.sql("UPDATE resource_versions SET created_by = :by, change_source = :src, change_log = :log"
                        + " WHERE id = :id")
                .param("by", createdBy)
                .param("src", source)
                .param("log", changeLog)
                .param("id", versionId)
                .update();
    }

    // --- rows

    private static ResourceRow resourceRow(ResultSet rs, int i) throws SQLException {
        return new ResourceRow(
                rs.getLong("id"),
                new ObjectKey(
                        rs.getLong("cluster_id"),
                        rs.getString("api_group"),
                        rs.getString("kind"),
                        rs.getString("namespace_name"),
                        rs.getString("name")),
                rs.getString("api_version"),
                rs.getBoolean("tracking"),
                rs.getBoolean("auto_tracked"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static VersionRow versionRow(ResultSet rs, int i) throws SQLException {
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        int parentNumber = rs.getInt("parent_number");
        Integer number = rs.wasNull() ? null : parentNumber;
        return new VersionRow(
                rs.getLong("id"),
                rs.getLong("resource_id"),
                rs.getInt("version_number"),
                rs.getString("branch"),
                parentId,
                number,
                rs.getString("content_hash"),
                rs.getBoolean("deleted"),
                rs.getBoolean("is_current"),
                rs.getString("created_by"),
                rs.getString("change_source"),
                rs.getString("change_log"),
                rs.getString("summary"),
                rs.getInt("lines_added"),
                rs.getInt("lines_removed"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
