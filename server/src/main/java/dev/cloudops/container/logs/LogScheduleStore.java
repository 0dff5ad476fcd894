package dev.cloudops.container.logs;

import dev.cloudops.platform.security.Grant;
import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The rows of log schedules, and the restart counts their restart trigger remembers. */
@Repository
class LogScheduleStore {

    /** What a schedule's last run came to. */
    record Outcome(Instant at, String result, String message, int snapshots) {}

    /** Which schedules a listing may show: the caller's read grants, and optionally one cluster and namespace. */
    record Filter(List<Grant> grants, Long clusterId, String namespace) {}

    private final JdbcClient jdbc;

    LogScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(LogSchedule s) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO log_schedules (cluster_id, namespace_name, name, workload, label_selector, containers,"
                        + " interval_seconds, cron, time_zone, trigger_mode, tail_lines, since_seconds, limit_bytes,"
                        + " enabled, owner_id, owner, created_at, updated_at, next_run_at) VALUES (:c, :n, :name,"
                        + " :w, :ls, :ct, :iv, :cron, :tz, :tr, :tail, :since, :limit, :en, :oid, :owner, :at, :at,"
                        + " :next)")
                .param("c", s.clusterId())
                .param("n", s.namespace())
                .params(settings(s))
                .param("at", s.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Replaces what a user may change, and the owner: everything but the id, cluster, namespace and run history. */
    void update(LogSchedule s) {
        jdbc.sql("UPDATE log_schedules SET name = :name, workload = :w, label_selector = :ls, containers = :ct,"
                        + " interval_seconds = :iv, cron = :cron, time_zone = :tz, trigger_mode = :tr,"
                        + " tail_lines = :tail, since_seconds = :since, limit_bytes = :limit, enabled = :en,"
                        + " owner_id = :oid, owner = :owner, updated_at = :at, next_run_at = :next WHERE id = :id")
                .params(settings(s))
                .param("at", s.updatedAt().toEpochMilli())
                .param("id", s.id())
                .update();
    }

    private static Map<String, Object> settings(LogSchedule s) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", s.name());
        p.put("w", s.workload());
        p.put("ls", s.labelSelector());
        p.put("ct", String.join(",", s.containers()));
        p.put(
                "iv",
                s.interval() == null
                        ? null
                        : java.time.Duration.parse(s.interval()).toSeconds());
        p.put("cron", s.cron());
        p.put("tz", s.timeZone());
        p.put("tr", s.trigger());
        p.put("tail", s.tailLines());
        p.put("since", s.sinceSeconds());
        p.put("limit", s.limitBytes());
        p.put("en", s.enabled());
        p.put("next", millis(s.nextRunAt()));
        p.put("oid", s.ownerId());
        p.put("owner", s.owner());
        return p;
    }

    Optional<LogSchedule> find(long id) {
        return jdbc.sql("SELECT * FROM log_schedules WHERE id = :id")
                .param("id", id)
                .query(LogScheduleStore::row)
                .optional();
    }

    /** Schedules the filter lets through, oldest first. */
    List<LogSchedule> list(Filter filter, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        if (where == null) {
            return List.of();
        }
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT * FROM log_schedules WHERE " + where + " ORDER BY id LIMIT :limit OFFSET :offset")
                .params(params)
                .query(LogScheduleStore::row)
                .list();
    }

    long count(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        if (where == null) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM log_schedules WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * The SQL condition of a filter, binding its values into {@code params}; null when nothing can pass. A grant
     * without a cluster or a namespace covers every cluster or namespace, as {@link Grant#allows} reads it.
     */
    private static String where(Filter filter, Map<String, Object> params) {
        List<String> any = new ArrayList<>();
        int n = 0;
        for (Grant g : filter.grants()) {
            List<String> all = new ArrayList<>();
            if (g.clusterId() != null) {
                all.add("cluster_id = :gc" + n);
                params.put("gc" + n, g.clusterId());
            }
            if (g.namespace() != null) {
                all.add("namespace_name = :gn" + n);
                params.put("gn" + n, g.namespace());
            }
            if (all.isEmpty()) {
                any.clear();
                any.add("1 = 1");
                break;
            }
            any.add("(" + String.join(" AND ", all) + ")");
            n++;
        }
        if (any.isEmpty()) {
            return null;
        }
        StringBuilder where =
                new StringBuilder("(").append(String.join(" OR ", any)).append(')');
        if (filter.clusterId() != null) {
            where.append(" AND cluster_id = :fc");
            params.put("fc", filter.clusterId());
        }
        if (filter.namespace() != null) {
            where.append(" AND namespace_name = :fn");
            params.put("fn", filter.namespace());
        }
        return where.toString();
    }

    /** Enabled schedules due at {@code now}, the most overdue first. */
    List<LogSchedule> due(long now, int limit) {
        return jdbc.sql("SELECT * FROM log_schedules WHERE enabled = :t AND next_run_at <= :now"
                        + " ORDER BY next_run_at, id LIMIT :limit")
                .param("t", true)
                .param("now", now)
                .param("limit", limit)
                .query(LogScheduleStore::row)
                .list();
    }

    /**
     * Moves a due schedule's next run on, if it is still due as {@code seen} says: true for the one caller that
     * did so, which then runs it. Another replica (or a second call) that read the same row finds it moved.
     */
    boolean claim(long id, long seen, Long next) {
        return jdbc.sql("UPDATE log_schedules SET next_run_at = :next WHERE id = :id AND next_run_at = :seen"
                                + " AND enabled = :t")
                        .param("next", next)
                        .param("id", id)
                        .param("seen", seen)
                        .param("t", true)
                        .update()
                == 1;
    }

    void recordRun(long id, Outcome outcome) {
        jdbc.sql("UPDATE log_schedules SET last_run_at = :at, last_result = :r, last_message = :m,"
                        + " last_snapshots = :s WHERE id = :id")
                .param("at", outcome.at().toEpochMilli())
                .param("r", outcome.result())
                .param("m", outcome.message())
                .param("s", outcome.snapshots())
                .param("id", id)
                .update();
    }

    @Transactional
    boolean delete(long id) {
        jdbc.sql("DELETE FROM log_schedule_restarts WHERE schedule_id = :id")
                .param("id", id)
                .update();
        return jdbc.sql("DELETE FROM log_schedules WHERE id = :id")
                        .param("id", id)
                        .update()
                > 0;
    }

    /** The restart counts a schedule saw last, by {@code pod/container}. */
    Map<String, Integer> restarts(long scheduleId) {
        Map<String, Integer> seen = new HashMap<>();
        jdbc.sql("SELECT pod, container, restart_count FROM log_schedule_restarts WHERE schedule_id = :id")
                .param("id", scheduleId)
                .query(rs -> {
                    seen.put(rs.getString("pod") + "/" + rs.getString("container"), rs.getInt("restart_count"));
                });
        return seen;
    }

    /** Replaces the restart counts a schedule remembers with what it saw now (pods that are gone drop out). */
    @Transactional
    void replaceRestarts(long scheduleId, Map<String, Integer> seen) {
        jdbc.sql("DELETE FROM log_schedule_restarts WHERE schedule_id = :id")
                .param("id", scheduleId)
                .update();
        seen.forEach((key, count) -> {
            int slash = key.indexOf('/');
            jdbc.sql("INSERT INTO log_schedule_restarts (schedule_id, pod, container, restart_count)"
                            + " VALUES (:id, :p, :c, :n)")
                    .param("id", scheduleId)
                    .param("p", key.substring(0, slash))
                    .param("c", key.substring(slash + 1))
                    .param("n", count)
                    .update();
        });
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static LogSchedule row(ResultSet rs, int i) throws SQLException {
        String containers = rs.getString("containers");
        long interval = rs.getLong("interval_seconds");
        String intervalText =
                rs.wasNull() ? null : java.time.Duration.ofSeconds(interval).toString();
        return new LogSchedule(
                rs.getLong("id"),
                rs.getLong("cluster_id"),
                rs.getString("namespace_name"),
                rs.getString("name"),
                rs.getString("workload"),
                rs.getString("label_selector"),
                containers == null || containers.isEmpty() ? List.of() : Arrays.asList(containers.split(",")),
                intervalText,
                rs.getString("cron"),
                rs.getString("time_zone"),
                rs.getString("trigger_mode"),
                integer(rs, "tail_lines"),
                integer(rs, "since_seconds"),
                integer(rs, "limit_bytes"),
                rs.getBoolean("enabled"),
                rs.getString("owner"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instant(rs, "next_run_at"),
                instant(rs, "last_run_at"),
                rs.getString("last_result"),
                rs.getString("last_message"),
                integer(rs, "last_snapshots"),
                rs.getLong("owner_id"));
    }
}
