package dev.cloudops.platform.jobs;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The rows of job runs and their per-item reports. */
@Repository
class JobRunStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    JobRunStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    long insert(String kind, Long subjectId, Long clusterId, String createdBy, long now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO job_runs (kind, subject_id, cluster_id, status, total, done, failed, created_by,"
                        + " created_at, heartbeat_at) VALUES (:k, :s, :c, 'QUEUED', 0, 0, 0, :by, :at, :at)")
                .param("k", kind)
                .param("s", subjectId)
                .param("c", clusterId)
                .param("by", createdBy)
                .param("at", now)
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    Optional<JobRun> find(long id) {
        return jdbc.sql("SELECT * FROM job_runs WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    List<JobRun> bySubject(Collection<String> kinds, long subjectId, int offset, int limit) {
        return jdbc.sql("SELECT * FROM job_runs WHERE kind IN (:k) AND subject_id = :s"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("k", kinds)
                .param("s", subjectId)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::row)
                .list();
    }

    long countBySubject(Collection<String> kinds, long subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM job_runs WHERE kind IN (:k) AND subject_id = :s")
                .param("k", kinds)
                .param("s", subjectId)
                .query(Long.class)
                .single();
    }

    void started(long id, long now) {
        jdbc.sql("UPDATE job_runs SET status = 'RUNNING', started_at = :at, heartbeat_at = :at WHERE id = :id")
                .param("at", now)
                .param("id", id)
                .update();
    }

    void progress(long id, String phase, long total, long done, long failed, long now) {
        jdbc.sql("UPDATE job_runs SET phase = :p, total = :t, done = :d, failed = :f, heartbeat_at = :at"
                        + " WHERE id = :id")
                .param("p", phase)
                .param("t", total)
                .param("d", done)
                .param("f", failed)
                .param("at", now)
                .param("id", id)
                .update();
    }

    void finished(long id, JobRun.Status status, String code, String message, String result, long now) {
        jdbc.sql("UPDATE job_runs SET status = :st, code = :c, message = :m, result = :r, finished_at = :at,"
                        + " heartbeat_at = :at WHERE id = :id")
                .param("st", status.name())
                .param("c", code)
                .param("m", message)
                .param("r", result)
                .param("at", now)
                .param("id", id)
                .update();
    }

    void heartbeat(Collection<Long> ids, long now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE job_runs SET heartbeat_at = :at WHERE id IN (:ids) AND status IN ('QUEUED', 'RUNNING')")
                .param("at", now)
                .param("ids", ids)
                .update();
    }

    /** Marks queued and running jobs whose heartbeat is older than {@code before} failed; answers how many. */
    int abandon(long before, String message, long now) {
        return jdbc.sql("UPDATE job_runs SET status = 'FAILED', code = 'job-abandoned', message = :m, finished_at = :at"
                        + " WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < :before")
                .param("m", message)
                .param("at", now)
                .param("before", before)
                .update();
    }

    void addItems(long jobId, List<JobRun.Item> items) {
        template.batchUpdate(
                "INSERT INTO job_run_items (job_id, seq, subject, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                items,
                items.size(),
                (ps, item) -> {
                    ps.setLong(1, jobId);
                    ps.setInt(2, item.seq());
                    ps.setString(3, item.subject());
                    ps.setString(4, item.outcome());
                    ps.setString(5, item.detail());
                });
    }

    List<JobRun.Item> items(long jobId, String outcome, int offset, int limit) {
        return jdbc.sql("SELECT seq, subject, outcome, detail FROM job_run_items WHERE job_id = :j"
                        + (outcome == null ? "" : " AND outcome = :o")
                        + " ORDER BY seq LIMIT :limit OFFSET :offset")
                .param("j", jobId)
                .param("o", outcome)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, i) -> new JobRun.Item(
                        rs.getInt("seq"), rs.getString("subject"), rs.getString("outcome"), rs.getString("detail")))
                .list();
    }

    long countItems(long jobId, String outcome) {
        return jdbc.sql("SELECT COUNT(*) FROM job_run_items WHERE job_id = :j"
                        + (outcome == null ? "" : " AND outcome = :o"))
                .param("j", jobId)
                .param("o", outcome)
                .query(Long.class)
                .single();
    }

    void deleteBySubject(String kind, long subjectId) {
        jdbc.sql("DELETE FROM job_runs WHERE kind = :k AND subject_id = :s")
                .param("k", kind)
                .param("s", subjectId)
                .update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private JobRun row(ResultSet rs, int i) throws SQLException {
        String text = rs.getString("result");
        Object result = text == null ? null : json.readValue(text, Object.class);
        return new JobRun(
                rs.getLong("id"),
                rs.getString("kind"),
                nullableLong(rs, "subject_id"),
                nullableLong(rs, "cluster_id"),
                JobRun.Status.valueOf(rs.getString("status")),
                rs.getString("phase"),
                rs.getLong("total"),
                rs.getLong("done"),
                rs.getLong("failed"),
                rs.getString("code"),
                rs.getString("message"),
                result,
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }
}
