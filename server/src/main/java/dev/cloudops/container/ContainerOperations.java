package dev.cloudops.container;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.store.GeneratedKeys;
import dev.cloudops.platform.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The stored record of what was done in containers; callers authorise, this only stores and reads. */
@Repository
public class ContainerOperations {

    private static final int MAX_DETAIL = 1024;

    private final JdbcClient jdbc;

    ContainerOperations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores {@code op} (its id is ignored) and answers the generated id. */
    public long record(ContainerOperation op) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO container_operations (kind, cluster_id, namespace_name, pod, container, username,"
                        + " command, outcome, exit_code, started_at, duration_ms, output, output_truncated,"
                        + " session_id, detail) VALUES (:kind, :c, :n, :p, :ct, :u, :cmd, :o, :x, :at, :d, :out,"
                        + " :tr, :s, :detail)")
                .param("kind", op.kind().name())
                .param("c", op.clusterId())
                .param("n", op.namespace())
                .param("p", op.pod())
                .param("ct", op.container())
                .param("u", op.username())
                .param("cmd", op.command())
                .param("o", op.outcome().name())
                .param("x", op.exitCode())
                .param("at", op.startedAt().toEpochMilli())
                .param("d", op.durationMs())
                .param("out", op.output())
                .param("tr", op.outputTruncated())
                .param("s", op.sessionId())
                .param("detail", cap(op.detail()))
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    /** Records how a long operation (a terminal session) ended. */
    public void finish(long id, ContainerOperation.Outcome outcome, Integer exitCode, long durationMs, String detail) {
        jdbc.sql("UPDATE container_operations SET outcome = :o, exit_code = :x, duration_ms = :d, detail = :detail"
                        + " WHERE id = :id")
                .param("o", outcome.name())
                .param("x", exitCode)
                .param("d", durationMs)
                .param("detail", cap(detail))
                .param("id", id)
                .update();
    }

    public Optional<ContainerOperation> find(long id) {
        return jdbc.sql("SELECT * FROM container_operations WHERE id = :id")
                .param("id", id)
                .query(ContainerOperations::row)
                .optional();
    }

    /**
     * Operations on one container, newest first.
     *
     * @param kinds only these kinds
     */
    public Page<ContainerOperation> onContainer(
            ContainerRef target, Set<ContainerOperation.Kind> kinds, int page, int size) {
        String where = " WHERE cluster_id = :c AND namespace_name = :n AND pod = :p AND container = :ct"
                + " AND kind IN (:kinds)";
        List<ContainerOperation> items = bind(
                        jdbc.sql("SELECT * FROM container_operations" + where
                                + " ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset"),
                        target,
                        kinds)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(ContainerOperations::row)
                .list();
        long total = bind(jdbc.sql("SELECT COUNT(*) FROM container_operations" + where), target, kinds)
                .query(Long.class)
                .single();
        return new Page<>(new ArrayList<>(items), page, size, total);
    }

    private static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec spec, ContainerRef target, Set<ContainerOperation.Kind> kinds) {
        spec = spec.param("c", target.clusterId())
                .param("n", target.namespace())
                .param("p", target.pod())
                .param("ct", target.container());
        return spec.param("kinds", kinds.stream().map(Enum::name).toList());
    }

    private static String cap(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static ContainerOperation row(ResultSet rs, int n) throws SQLException {
        int exit = rs.getInt("exit_code");
        Integer exitCode = rs.wasNull() ? null : exit;
        return new ContainerOperation(
                rs.getLong("id"),
                ContainerOperation.Kind.valueOf(rs.getString("kind")),
                rs.getLong("cluster_id"),
                rs.getString("namespace_name"),
                rs.getString("pod"),
                rs.getString("container"),
                rs.getString("username"),
                rs.getString("command"),
                ContainerOperation.Outcome.valueOf(rs.getString("outcome")),
                exitCode,
                Instant.ofEpochMilli(rs.getLong("started_at")),
                rs.getLong("duration_ms"),
                rs.getString("output"),
                rs.getBoolean("output_truncated"),
                rs.getString("session_id"),
                rs.getString("detail"));
    }
}
