package dev.cloudops.analysis;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The rows of scans and their findings. */
@Repository
class ScanStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> PATCH = new TypeReference<>() {};
    private static final int MAX_TEXT = 1024;

    /**
     * Which scans a caller may see: every scan of {@code wholeClusters}, and of {@code partial} clusters those of a
     * namespace the caller reads or that the caller started.
     */
    record Visibility(Set<Long> wholeClusters, Map<Long, Set<String>> partial, String username) {}

    /** Filters of a scan's findings; null fields do not filter. {@code readable} null: every namespace. */
    record FindingFilter(
            Severity severity, Category category, String check, String namespace, String kind, Set<String> readable) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    ScanStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    long insert(long clusterId, String namespace, List<String> analyzers, String createdBy, long now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO analysis_scans (cluster_id, namespace, analyzers, created_by, status, created_at)"
                        + " VALUES (:c, :ns, :a, :by, 'QUEUED', :at)")
                .param("c", clusterId)
                .param("ns", namespace)
                .param("a", analyzers.isEmpty() ? null : String.join(",", analyzers))
                .param("by", createdBy)
                .param("at", now)
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    void job(long id, long jobId) {
        jdbc.sql("UPDATE analysis_scans SET job_id = :j WHERE id = :id")
                .param("j", jobId)
                .param("id", id)
                .update();
    }

    void running(long id, long now) {
        jdbc.sql("UPDATE analysis_scans SET status = 'RUNNING', started_at = :at WHERE id = :id")
                .param("at", now)
                .param("id", id)
                .update();
    }

    /** Stores the report and every finding; the caller runs it in a transaction. */
    void succeeded(long id, AnalysisResult result, long now) {
        List<Finding> findings = result.findings();
        List<Integer> order =
                java.util.stream.IntStream.range(0, findings.size()).boxed().toList();
        template.batchUpdate(
                "INSERT INTO analysis_findings (scan_id, seq, check_id, category, severity, severity_rank,"
                        + " subject_api_version, subject_kind, subject_namespace, subject_name, container, message,"
                        + " fix, patch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                order,
                500,
                (ps, index) -> {
                    Finding f = findings.get(index);
                    ps.setLong(1, id);
                    ps.setInt(2, index);
                    ps.setString(3, cut(f.checkId(), 128));
                    ps.setString(4, f.category().name());
                    ps.setString(5, f.severity().name());
                    ps.setInt(6, f.severity().ordinal());
                    ps.setString(7, cut(f.subject().apiVersion(), 255));
                    ps.setString(8, cut(f.subject().kind(), 128));
                    ps.setString(9, cut(f.subject().namespace(), 63));
                    ps.setString(10, cut(f.subject().name(), 253));
                    ps.setString(11, cut(f.container(), 253));
                    ps.setString(12, f.message());
                    ps.setString(13, f.fix());
                    ps.setString(14, f.patch().isEmpty() ? null : json.writeValueAsString(f.patch()));
                });
        jdbc.sql("UPDATE analysis_scans SET status = 'SUCCEEDED', finished_at = :at, ran = :ran,"
                        + " objects_examined = :n, critical_count = :cr, warning_count = :w, info_count = :i,"
                        + " finding_count = :f, by_category = :bc, scores = :s, notes = :notes WHERE id = :id")
                .param("at", now)
                .param("ran", cut(String.join(",", result.analyzers()), 512))
                .param("n", result.objectsExamined())
                .param("cr", result.bySeverity().getOrDefault(Severity.CRITICAL, 0))
                .param("w", result.bySeverity().getOrDefault(Severity.WARNING, 0))
                .param("i", result.bySeverity().getOrDefault(Severity.INFO, 0))
                .param("f", findings.size())
                .param("bc", json.writeValueAsString(new EnumMap<>(result.byCategory())))
                .param("s", json.writeValueAsString(new EnumMap<>(result.scores())))
                .param("notes", json.writeValueAsString(result.notes()))
                .param("id", id)
                .update();
    }

    void failed(long id, String code, String message, long now) {
        jdbc.sql("UPDATE analysis_scans SET status = 'FAILED', code = :c, message = :m, finished_at = :at"
                        + " WHERE id = :id")
                .param("c", code)
                .param("m", cut(message, MAX_TEXT))
                .param("at", now)
                .param("id", id)
                .update();
    }

    Optional<Scan> find(long id) {
        return jdbc.sql("SELECT * FROM analysis_scans WHERE id = :id")
                .param("id", id)
                .query(this::scan)
                .optional();
    }

    List<Scan> list(Visibility visibility, Long clusterId, int offset, int limit) {
        Where where = where(visibility, clusterId);
        return jdbc.sql("SELECT * FROM analysis_scans WHERE " + where.sql
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(where.params)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::scan)
                .list();
    }

    long count(Visibility visibility, Long clusterId) {
        Where where = where(visibility, clusterId);
        return jdbc.sql("SELECT COUNT(*) FROM analysis_scans WHERE " + where.sql)
                .params(where.params)
                .query(Long.class)
                .single();
    }

    List<StoredFinding> findings(long scanId, FindingFilter filter, int offset, int limit) {
        Where where = where(scanId, filter);
        return jdbc.sql("SELECT * FROM analysis_findings WHERE " + where.sql
                        + " ORDER BY severity_rank DESC, seq LIMIT :limit OFFSET :offset")
                .params(where.params)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::finding)
                .list();
    }

    long countFindings(long scanId, FindingFilter filter) {
        Where where = where(scanId, filter);
        return jdbc.sql("SELECT COUNT(*) FROM analysis_findings WHERE " + where.sql)
                .params(where.params)
                .query(Long.class)
                .single();
    }

    /** Deletes the finished scans of a cluster older than its newest {@code keep}; answers their ids. */
    List<Long> prune(long clusterId, int keep) {
        List<Long> old = jdbc.sql("SELECT id FROM analysis_scans WHERE cluster_id = :c AND status IN ('SUCCEEDED',"
                        + " 'FAILED') ORDER BY id DESC LIMIT 1000 OFFSET :keep")
                .param("c", clusterId)
                .param("keep", keep)
                .query(Long.class)
                .list();
        if (!old.isEmpty()) {
            // Findings first: MariaDB and H2 cascade too, but deleting them explicitly keeps it one way everywhere.
            jdbc.sql("DELETE FROM analysis_findings WHERE scan_id IN (:ids)")
                    .param("ids", old)
                    .update();
            jdbc.sql("DELETE FROM analysis_scans WHERE id IN (:ids)")
                    .param("ids", old)
                    .update();
        }
        return old;
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(Visibility v, Long clusterId) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> any = new ArrayList<>();
        if (!v.wholeClusters().isEmpty()) {
            any.add("cluster_id IN (:whole)");
            params.put("whole", v.wholeClusters());
        }
        int i = 0;
        for (var e : v.partial().entrySet()) {
            String c = "pc" + i;
            String ns = "pn" + i;
            params.put(c, e.getKey());
            if (e.getValue().isEmpty()) {
                any.add("(cluster_id = :" + c + " AND created_by = :me)");
            } else {
                params.put(ns, e.getValue());
                any.add("(cluster_id = :" + c + " AND (namespace IN (:" + ns + ") OR created_by = :me))");
            }
            i++;
        }
        params.put("me", v.username());
        String sql = any.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", any) + ")";
        if (clusterId != null) {
            sql += " AND cluster_id = :cluster";
            params.put("cluster", clusterId);
        }
        return new Where(sql, params);
    }

    private static Where where(long scanId, FindingFilter f) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("scan_id = :scan");
        params.put("scan", scanId);
        if (f.severity() != null) {
            sql.append(" AND severity = :sev");
            params.put("sev", f.severity().name());
        }
        if (f.category() != null) {
            sql.append(" AND category = :cat");
            params.put("cat", f.category().name());
        }
        if (f.check() != null) {
            sql.append(" AND check_id = :check");
            params.put("check", f.check());
        }
        if (f.namespace() != null) {
            sql.append(" AND subject_namespace = :ns");
            params.put("ns", f.namespace());
        }
        if (f.kind() != null) {
            sql.append(" AND subject_kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.readable() != null) {
            if (f.readable().isEmpty()) {
                sql.append(" AND 1 = 0");
            } else {
                sql.append(" AND subject_namespace IN (:readable)");
                params.put("readable", f.readable());
            }
        }
        return new Where(sql.toString(), params);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> names(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    private Scan scan(ResultSet rs, int row) throws SQLException {
        boolean done = Scan.SUCCEEDED.equals(rs.getString("status"));
        Map<Severity, Integer> bySeverity = null;
        Map<Category, Integer> byCategory = null;
        Map<Category, Integer> scores = null;
        List<String> notes = List.of();
        if (done) {
            bySeverity = new EnumMap<>(Severity.class);
            bySeverity.put(Severity.CRITICAL, rs.getInt("critical_count"));
            bySeverity.put(Severity.WARNING, rs.getInt("warning_count"));
            bySeverity.put(Severity.INFO, rs.getInt("info_count"));
            byCategory = categories(rs.getString("by_category"));
            scores = categories(rs.getString("scores"));
            notes = json.readValue(rs.getString("notes"), STRINGS);
        }
        Long jobId = rs.getLong("job_id");
        if (rs.wasNull()) {
            jobId = null;
        }
        return new Scan(
                rs.getLong("id"),
                rs.getLong("cluster_id"),
                rs.getString("namespace"),
                names(rs.getString("analyzers")),
                names(rs.getString("ran")),
                rs.getString("created_by"),
                rs.getString("status"),
                null,
                0,
                0,
                rs.getString("code"),
                rs.getString("message"),
                jobId,
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                integer(rs, "objects_examined"),
                integer(rs, "finding_count"),
                bySeverity,
                byCategory,
                scores,
                notes);
    }

    private Map<Category, Integer> categories(String text) {
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            out.put(c, 0);
        }
        if (text != null) {
            json.readValue(text, COUNTS).forEach((k, v) -> {
                try {
                    out.put(Category.valueOf(k), v);
                } catch (IllegalArgumentException e) {
                    // a category a later version dropped: not shown
                }
            });
        }
        return out;
    }

    private StoredFinding finding(ResultSet rs, int row) throws SQLException {
        String patch = rs.getString("patch");
        return new StoredFinding(
                rs.getLong("scan_id"),
                rs.getInt("seq"),
                rs.getString("check_id"),
                Category.valueOf(rs.getString("category")),
                Severity.valueOf(rs.getString("severity")),
                new Subject(
                        rs.getString("subject_api_version"),
                        rs.getString("subject_kind"),
                        rs.getString("subject_namespace"),
                        rs.getString("subject_name")),
                rs.getString("container"),
                rs.getString("message"),
                rs.getString("fix"),
                patch == null ? List.of() : json.readValue(patch, PATCH));
    }
}
