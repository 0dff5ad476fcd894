package dev.cloudops.cloud;

import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The rows of cross-cluster sync schedules. */
@Repository
class SyncScheduleStore {

    private static final TypeReference<List<ClusterSyncService.ObjectRef>> OBJECTS = new TypeReference<>() {};
    private static final TypeReference<List<Long>> IDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SyncScheduleStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(SyncSchedule s) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO sync_schedules (name, source_cluster_id, objects, target_cluster_ids, target_namespace,"
                        + " interval_seconds, cron, time_zone, enabled, owner_id, owner, created_at, updated_at,"
                        + " next_run_at) VALUES (:name, :src, :objects, :targets, :tns, :iv, :cron, :tz, :en, :oid,"
                        + " :owner, :at, :at, :next)")
                .params(settings(s))
                .param("at", s.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Replaces everything but the id, the creation time and the run history. */
    void update(SyncSchedule s) {
        jdbc.sql("UPDATE sync_schedules SET name = :name, source_cluster_id = :src, objects = :objects,"
                        + " target_cluster_ids = :targets, target_namespace = :tns, interval_seconds = :iv,"
                        + " cron = :cron, time_zone = :tz, enabled = :en, owner_id = :oid, owner = :owner,"
                        + " updated_at = :at, next_run_at = :next WHERE id = :id")
                .params(settings(s))
                .param("at", s.updatedAt().toEpochMilli())
                .param("id", s.id())
                .update();
    }

    private Map<String, Object> settings(SyncSchedule s) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", s.name());
        p.put("src", s.sourceClusterId());
        p.put("objects", json.writeValueAsString(s.objects()));
        p.put("targets", json.writeValueAsString(s.targetClusterIds()));
        p.put("tns", s.targetNamespace());
        p.put("iv", s.interval() == null ? null : Duration.parse(s.interval()).toSeconds());
        p.put("cron", s.cron());
        p.put("tz", s.timeZone());
        p.put("en", s.enabled());
        p.put("oid", s.ownerId());
        p.put("owner", s.owner());
        p.put("next", s.nextRunAt() == null ? null : s.nextRunAt().toEpochMilli());
        return p;
    }

    Optional<SyncSchedule> find(long id) {
        return jdbc.sql("SELECT * FROM sync_schedules WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    boolean nameTaken(String name, Long except) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_schedules WHERE name = :name AND id <> :except")
                        .param("name", name)
                        .param("except", except == null ? Long.valueOf(-1) : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Schedules whose source is one of {@code clusterIds}, by name; all of them when {@code clusterIds} is null. */
    List<SyncSchedule> list(List<Long> clusterIds, int offset, int limit) {
        if (clusterIds != null && clusterIds.isEmpty()) {
            return List.of();
        }
        String where = clusterIds == null ? "" : " WHERE source_cluster_id IN (:ids)";
        var spec = jdbc.sql("SELECT * FROM sync_schedules" + where + " ORDER BY name, id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset);
        if (clusterIds != null) {
            spec = spec.param("ids", clusterIds);
        }
        return spec.query(this::map).list();
    }

    long count(List<Long> clusterIds) {
        if (clusterIds != null && clusterIds.isEmpty()) {
            return 0;
        }
        String where = clusterIds == null ? "" : " WHERE source_cluster_id IN (:ids)";
        var spec = jdbc.sql("SELECT COUNT(*) FROM sync_schedules" + where);
        if (clusterIds != null) {
            spec = spec.param("ids", clusterIds);
        }
        return spec.query(Long.class).single();
    }

    /** Enabled schedules due at {@code now}, oldest first. */
    List<SyncSchedule> due(long now, int limit) {
        return jdbc.sql("SELECT * FROM sync_schedules WHERE next_run_at IS NOT NULL AND next_run_at <= :now"
                        + " ORDER BY next_run_at LIMIT :limit")
                .param("now", now)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /**
     * Moves a due schedule to its next run, only if no other replica did so first: true when this call won it.
     */
    boolean claim(long id, long expectedNext, Long next) {
        return jdbc.sql("UPDATE sync_schedules SET next_run_at = :next WHERE id = :id AND next_run_at = :expected")
                        .param("next", next)
                        .param("id", id)
                        .param("expected", expectedNext)
                        .update()
                == 1;
    }

    void ran(long id, long at, long jobId) {
        jdbc.sql("UPDATE sync_schedules SET last_run_at = :at, last_job_id = :job WHERE id = :id")
                .param("at", at)
                .param("job", jobId)
                .param("id", id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM sync_schedules WHERE id = :id").param("id", id).update();
    }

    private SyncSchedule map(ResultSet rs, int row) throws SQLException {
        long interval = rs.getLong("interval_seconds");
        boolean hasInterval = !rs.wasNull();
        return new SyncSchedule(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getLong("source_cluster_id"),
                json.readValue(rs.getString("objects"), OBJECTS),
                json.readValue(rs.getString("target_cluster_ids"), IDS),
                rs.getString("target_namespace"),
                hasInterval ? Duration.ofSeconds(interval).toString() : null,
                rs.getString("cron"),
                rs.getString("time_zone"),
                rs.getBoolean("enabled"),
                rs.getLong("owner_id"),
                rs.getString("owner"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                instant(rs, "next_run_at"),
                instant(rs, "last_run_at"),
                (Long) rs.getObject("last_job_id", Long.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
