package dev.cloudops.container.logs;

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

/** The rows of saved log snapshots; the log text lives in the archive files they point to. */
@Repository
class LogSnapshotStore {

    private final JdbcClient jdbc;

    LogSnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts {@code s} (its id is ignored) and answers the generated id. */
    long insert(LogSnapshot s) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO log_snapshots (cluster_id, namespace_name, pod, container, created_by, created_at,"
                        + " reason, bytes, compressed_bytes, line_count, first_ts, last_ts, path, note, schedule_id) VALUES"
                        + " (:c, :n, :p, :ct, :by, :at, :r, :b, :cb, :lc, :f, :l, :path, :note, :sid)")
                .param("c", s.clusterId())
                .param("n", s.namespace())
                .param("p", s.pod())
                .param("ct", s.container())
                .param("by", s.createdBy())
                .param("at", s.createdAt().toEpochMilli())
                .param("r", s.reason())
                .param("b", s.bytes())
                .param("cb", s.compressedBytes())
                .param("lc", s.lineCount())
                .param("f", millis(s.firstTs()))
                .param("l", millis(s.lastTs()))
                .param("path", s.path())
                .param("note", s.note())
                .param("sid", s.scheduleId())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    Optional<LogSnapshot> find(long id) {
        return jdbc.sql("SELECT * FROM log_snapshots WHERE id = :id")
                .param("id", id)
                .query(LogSnapshotStore::row)
                .optional();
    }

    /** One container's snapshots, newest first. */
    List<LogSnapshot> history(long clusterId, String namespace, String pod, String container, int offset, int limit) {
        return jdbc.sql("SELECT * FROM log_snapshots WHERE cluster_id = :c AND namespace_name = :n AND pod = :p"
                        + " AND container = :ct ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("c", clusterId)
                .param("n", namespace)
                .param("p", pod)
                .param("ct", container)
                .param("limit", limit)
                .param("offset", offset)
                .query(LogSnapshotStore::row)
                .list();
    }

    long count(long clusterId, String namespace, String pod, String container) {
        return jdbc.sql("SELECT COUNT(*) FROM log_snapshots WHERE cluster_id = :c AND namespace_name = :n"
                        + " AND pod = :p AND container = :ct")
                .param("c", clusterId)
                .param("n", namespace)
                .param("p", pod)
                .param("ct", container)
                .query(Long.class)
                .single();
    }

    /** The snapshots a schedule saved, newest first. */
    List<LogSnapshot> bySchedule(long scheduleId, int offset, int limit) {
        return jdbc.sql("SELECT * FROM log_snapshots WHERE schedule_id = :s ORDER BY created_at DESC, id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .param("s", scheduleId)
                .param("limit", limit)
                .param("offset", offset)
                .query(LogSnapshotStore::row)
                .list();
    }

    long countBySchedule(long scheduleId) {
        return jdbc.sql("SELECT COUNT(*) FROM log_snapshots WHERE schedule_id = :s")
                .param("s", scheduleId)
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} snapshots created before {@code millis}, oldest first. */
    List<LogSnapshot> olderThan(long millis, int limit) {
        return jdbc.sql("SELECT * FROM log_snapshots WHERE created_at < :t ORDER BY created_at, id LIMIT :limit")
                .param("t", millis)
                .param("limit", limit)
                .query(LogSnapshotStore::row)
                .list();
    }

    /** Up to {@code limit} snapshots, oldest first. */
    List<LogSnapshot> oldest(int limit) {
        return jdbc.sql("SELECT * FROM log_snapshots ORDER BY created_at, id LIMIT :limit")
                .param("limit", limit)
                .query(LogSnapshotStore::row)
                .list();
    }

    /** The compressed bytes of every snapshot together. */
    long totalCompressedBytes() {
        return jdbc.sql("SELECT COALESCE(SUM(compressed_bytes), 0) FROM log_snapshots")
                .query(Long.class)
                .single();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM log_snapshots WHERE id = :id")
                        .param("id", id)
                        .update()
                > 0;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static LogSnapshot row(ResultSet rs, int i) throws SQLException {
        return new LogSnapshot(
                rs.getLong("id"),
                rs.getLong("cluster_id"),
                rs.getString("namespace_name"),
                rs.getString("pod"),
                rs.getString("container"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("reason"),
                rs.getLong("bytes"),
                rs.getLong("compressed_bytes"),
                rs.getLong("line_count"),
                instant(rs, "first_ts"),
                instant(rs, "last_ts"),
                rs.getString("path"),
                rs.getString("note"),
                longOrNull(rs, "schedule_id"));
    }
}
