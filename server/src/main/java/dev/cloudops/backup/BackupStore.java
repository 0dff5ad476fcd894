package dev.cloudops.backup;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The rows of backup definitions and backups. */
@Repository
class BackupStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BackupStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- definitions

    long insertDefinition(BackupDefinition d) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backup_definitions (name, cluster_id, scope, cron, time_zone, keep_count, keep_seconds,"
                        + " enabled, encryption, kdf, public_key, private_key_sealed, owner_id, owner, created_at,"
                        + " updated_at, next_run_at) VALUES (:name, :c, :scope, :cron, :tz, :kc, :ks, :en, :enc, :kdf,"
                        + " :pub, :priv, :oid, :owner, :at, :at, :next)")
                .param("name", d.name())
                .param("c", d.clusterId())
                .param("scope", json.writeValueAsString(d.scope()))
                .param("cron", d.cron())
                .param("tz", d.timeZone())
                .param("kc", d.keepCount())
                .param("ks", d.keepSeconds())
                .param("en", d.enabled())
                .param("enc", d.encryption().name())
                .param("kdf", d.kdf())
                .param("pub", d.publicKey())
                .param("priv", d.privateKeySealed())
                .param("oid", d.ownerId())
                .param("owner", d.owner())
                .param("at", d.createdAt().toEpochMilli())
                .param("next", millis(d.nextRunAt()))
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Replaces what a user may change; the key material stays. */
    void updateDefinition(BackupDefinition d) {
        jdbc.sql("UPDATE backup_definitions SET name = :name, scope = :scope, cron = :cron, time_zone = :tz,"
                        + " keep_count = :kc, keep_seconds = :ks, enabled = :en, owner_id = :oid, owner = :owner,"
                        + " updated_at = :at, next_run_at = :next WHERE id = :id")
                .param("name", d.name())
                .param("scope", json.writeValueAsString(d.scope()))
                .param("cron", d.cron())
                .param("tz", d.timeZone())
                .param("kc", d.keepCount())
                .param("ks", d.keepSeconds())
                .param("en", d.enabled())
                .param("oid", d.ownerId())
                .param("owner", d.owner())
                .param("at", d.updatedAt().toEpochMilli())
                .param("next", millis(d.nextRunAt()))
                .param("id", d.id())
                .update();
    }

    Optional<BackupDefinition> findDefinition(long id) {
        return jdbc.sql("SELECT * FROM backup_definitions WHERE id = :id")
                .param("id", id)
                .query(this::definition)
                .optional();
    }

    boolean nameTaken(long clusterId, String name, Long except) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_definitions WHERE cluster_id = :c AND name = :n AND id <> :id")
                        .param("c", clusterId)
                        .param("n", name)
                        .param("id", except == null ? Long.valueOf(-1L) : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Definitions on the given clusters (null: all), by name. */
    List<BackupDefinition> definitions(List<Long> clusters, int offset, int limit) {
        if (clusters != null && clusters.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM backup_definitions"
                        + (clusters == null ? "" : " WHERE cluster_id IN (:cs)")
                        + " ORDER BY name, id LIMIT :limit OFFSET :offset")
                .param("cs", clusters == null ? List.of(-1L) : clusters)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::definition)
                .list();
    }

    long countDefinitions(List<Long> clusters) {
        if (clusters != null && clusters.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM backup_definitions"
                        + (clusters == null ? "" : " WHERE cluster_id IN (:cs)"))
                .param("cs", clusters == null ? List.of(-1L) : clusters)
                .query(Long.class)
                .single();
    }

    /** Definitions whose next run is due, oldest first. */
    List<BackupDefinition> due(long now, int limit) {
        return jdbc.sql("SELECT * FROM backup_definitions WHERE next_run_at IS NOT NULL AND next_run_at <= :now"
                        + " ORDER BY next_run_at, id LIMIT :limit")
                .param("now", now)
                .param("limit", limit)
                .query(this::definition)
                .list();
    }

    /** Moves a due definition's next run on, unless another replica did first; true when this caller won. */
    boolean claim(long id, long expected, Long next) {
        return jdbc.sql("UPDATE backup_definitions SET next_run_at = :next WHERE id = :id AND next_run_at = :expected")
                        .param("next", next)
                        .param("id", id)
                        .param("expected", expected)
                        .update()
                == 1;
    }

    /** Ids of definitions that keep backups for a limited count or age. */
    List<Long> withRetention() {
        return jdbc.sql("SELECT id FROM backup_definitions WHERE keep_count IS NOT NULL OR keep_seconds IS NOT NULL")
                .query(Long.class)
                .list();
    }

    void deleteDefinition(long id) {
        jdbc.sql("DELETE FROM backup_definitions WHERE id = :id")
                .param("id", id)
                .update();
    }

    // ---- backups

    long insertBackup(Backup b) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO backups (definition_id, cluster_id, status, trigger_kind, encryption, data_key_sealed,"
                        + " storage_key, object_count, namespace_count, archive_bytes, content_bytes, created_by,"
                        + " created_at) VALUES (:d, :c, :st, :tr, :enc, :key, :sk, 0, 0, 0, 0, :by, :at)")
                .param("d", b.definitionId())
                .param("c", b.clusterId())
                .param("st", b.status())
                .param("tr", b.trigger())
                .param("enc", b.encryption().name())
                .param("key", b.dataKeySealed())
                .param("sk", b.storageKey())
                .param("by", b.createdBy())
                .param("at", b.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    void setJob(long backupId, long jobId) {
        jdbc.sql("UPDATE backups SET job_id = :j WHERE id = :id")
                .param("j", jobId)
                .param("id", backupId)
                .update();
    }

    void completed(
            long id,
            int objects,
            int namespaces,
            long archiveBytes,
            long contentBytes,
            String archiveSha,
            String manifestSha,
            long now) {
        jdbc.sql(
                        "UPDATE backups SET status = 'COMPLETED', object_count = :o, namespace_count = :n, archive_bytes = :ab,"
                                + " content_bytes = :cb, archive_sha256 = :as, manifest_sha256 = :ms, finished_at = :at"
                                + " WHERE id = :id")
                .param("o", objects)
                .param("n", namespaces)
                .param("ab", archiveBytes)
                .param("cb", contentBytes)
                .param("as", archiveSha)
                .param("ms", manifestSha)
                .param("at", now)
                .param("id", id)
                .update();
    }

    void failed(long id, String message, long now) {
        jdbc.sql("UPDATE backups SET status = 'FAILED', message = :m, finished_at = :at WHERE id = :id")
                .param("m", message)
                .param("at", now)
                .param("id", id)
                .update();
    }

    Optional<Backup> findBackup(long id) {
        return jdbc.sql("SELECT * FROM backups WHERE id = :id")
                .param("id", id)
                .query(BackupStore::backup)
                .optional();
    }

    /** Backups on the given clusters (null: all), optionally of one definition, newest first. */
    List<Backup> backups(List<Long> clusters, Long definitionId, int offset, int limit) {
        if (clusters != null && clusters.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM backups WHERE 1 = 1"
                        + (clusters == null ? "" : " AND cluster_id IN (:cs)")
                        + (definitionId == null ? "" : " AND definition_id = :d")
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("cs", clusters == null ? List.of(-1L) : clusters)
                .param("d", definitionId)
                .param("limit", limit)
                .param("offset", offset)
                .query(BackupStore::backup)
                .list();
    }

    long countBackups(List<Long> clusters, Long definitionId) {
        if (clusters != null && clusters.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM backups WHERE 1 = 1"
                        + (clusters == null ? "" : " AND cluster_id IN (:cs)")
                        + (definitionId == null ? "" : " AND definition_id = :d"))
                .param("cs", clusters == null ? List.of(-1L) : clusters)
                .param("d", definitionId)
                .query(Long.class)
                .single();
    }

    long countRunning(long definitionId) {
        return jdbc.sql("SELECT COUNT(*) FROM backups WHERE definition_id = :d AND status = 'RUNNING'")
                .param("d", definitionId)
                .query(Long.class)
                .single();
    }

    /** A definition's finished backups (completed or failed), newest first. */
    List<Backup> finishedOf(long definitionId) {
        return jdbc.sql("SELECT * FROM backups WHERE definition_id = :d AND status <> 'RUNNING'"
                        + " ORDER BY created_at DESC, id DESC")
                .param("d", definitionId)
                .query(BackupStore::backup)
                .list();
    }

    /** Running backups whose job failed as a whole (its replica stopped): they will never complete. */
    List<Backup> orphaned() {
        return jdbc.sql("SELECT b.* FROM backups b JOIN job_runs j ON j.id = b.job_id"
                        + " WHERE b.status = 'RUNNING' AND j.status = 'FAILED'")
                .query(BackupStore::backup)
                .list();
    }

    void deleteBackup(long id) {
        jdbc.sql("DELETE FROM backups WHERE id = :id").param("id", id).update();
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private BackupDefinition definition(ResultSet rs, int i) throws SQLException {
        return new BackupDefinition(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getLong("cluster_id"),
                json.readValue(rs.getString("scope"), Scope.class),
                rs.getString("cron"),
                rs.getString("time_zone"),
                nullableInt(rs, "keep_count"),
                nullableLong(rs, "keep_seconds"),
                rs.getBoolean("enabled"),
                Encryption.valueOf(rs.getString("encryption")),
                rs.getString("kdf"),
                rs.getString("public_key"),
                rs.getString("private_key_sealed"),
                rs.getLong("owner_id"),
                rs.getString("owner"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instant(rs, "next_run_at"));
    }

    private static Backup backup(ResultSet rs, int i) throws SQLException {
        return new Backup(
                rs.getLong("id"),
                rs.getLong("definition_id"),
                rs.getLong("cluster_id"),
                rs.getString("status"),
                rs.getString("trigger_kind"),
                nullableLong(rs, "job_id"),
                Encryption.valueOf(rs.getString("encryption")),
                rs.getString("data_key_sealed"),
                rs.getString("storage_key"),
                rs.getInt("object_count"),
                rs.getInt("namespace_count"),
                rs.getLong("archive_bytes"),
                rs.getLong("content_bytes"),
                rs.getString("archive_sha256"),
                rs.getString("manifest_sha256"),
                rs.getString("message"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "finished_at"));
    }
}
