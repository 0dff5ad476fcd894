package dev.cloudops.container.exec;

import dev.cloudops.kube.ContainerRef;
import dev.cloudops.platform.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Terminal sessions in the shared database, so that tickets, limits and kills work across replicas. */
@Repository
class TerminalSessionStore {

    private final JdbcClient jdbc;

    TerminalSessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPending(
            String id,
            String ticketHash,
            String username,
            ContainerRef target,
            String shells,
            int columns,
            int rows,
            Instant now,
            Instant expires) {
        jdbc.sql("INSERT INTO terminal_sessions (id, ticket_hash, username, cluster_id, namespace_name, pod, container,"
                        + " shell, cols, term_rows, status, created_at, expires_at, kill_requested) VALUES (:id, :t, :u,"
                        + " :c, :n, :p, :ct, :s, :cols, :rows, 'PENDING', :now, :exp, FALSE)")
                .param("cols", columns)
                .param("rows", rows)
                .param("id", id)
                .param("t", ticketHash)
                .param("u", username)
                .param("c", target.clusterId())
                .param("n", target.namespace())
                .param("p", target.pod())
                .param("ct", target.container())
                .param("s", shells)
                .param("now", now.toEpochMilli())
                .param("exp", expires.toEpochMilli())
                .update();
    }

    /** Marks the ticket's session open on this replica, once: true only for the first caller before expiry. */
    boolean consume(String ticketHash, Instant now, String replica) {
        return jdbc.sql("UPDATE terminal_sessions SET status = 'OPEN', attached_at = :now, heartbeat_at = :now,"
                                + " replica = :r"
                                + " WHERE ticket_hash = :t AND status = 'PENDING' AND expires_at > :now")
                        .param("now", now.toEpochMilli())
                        .param("r", replica)
                        .param("t", ticketHash)
                        .update()
                == 1;
    }

    Optional<TerminalSession> byTicket(String ticketHash) {
        return jdbc.sql("SELECT * FROM terminal_sessions WHERE ticket_hash = :t")
                .param("t", ticketHash)
                .query(TerminalSessionStore::row)
                .optional();
    }

    Optional<TerminalSession> find(String id) {
        return jdbc.sql("SELECT * FROM terminal_sessions WHERE id = :id")
                .param("id", id)
                .query(TerminalSessionStore::row)
                .optional();
    }

    /** Sessions that count against a user's limit: open ones and tickets not yet used or expired. */
    long active(String username, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM terminal_sessions WHERE username = :u AND (status = 'OPEN' OR"
                        + " (status = 'PENDING' AND expires_at > :now))")
                .param("u", username)
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    void started(String id, String shell, long operationId) {
        jdbc.sql("UPDATE terminal_sessions SET shell = :s, operation_id = :op WHERE id = :id")
                .param("s", shell)
                .param("op", operationId)
                .param("id", id)
                .update();
    }

    void closed(String id, Instant at, String reason, Integer exitCode, long recordingBytes) {
        jdbc.sql("UPDATE terminal_sessions SET status = 'CLOSED', closed_at = :at, close_reason = :r, exit_code = :x,"
                        + " recording_bytes = :b WHERE id = :id")
                .param("at", at.toEpochMilli())
                .param("r", reason.length() > 255 ? reason.substring(0, 255) : reason)
                .param("x", exitCode)
                .param("b", recordingBytes)
                .param("id", id)
                .update();
    }

    /** Asks whichever replica holds the session to close it. */
    boolean requestKill(String id) {
        return jdbc.sql("UPDATE terminal_sessions SET kill_requested = TRUE WHERE id = :id AND status = 'OPEN'")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** The open sessions of this replica whose kill was requested. */
    List<String> killRequested(String replica) {
        return jdbc.sql("SELECT id FROM terminal_sessions WHERE replica = :r AND status = 'OPEN' AND kill_requested")
                .param("r", replica)
                .query(String.class)
                .list();
    }

    /** Tickets never used: their sessions expire. */
    int expirePending(Instant now) {
        return jdbc.sql("UPDATE terminal_sessions SET status = 'EXPIRED', closed_at = :now, close_reason = 'ticket"
                        + " not used' WHERE status = 'PENDING' AND expires_at <= :now")
                .param("now", now.toEpochMilli())
                .update();
    }

    /** Tells the other replicas that these sessions are still held. */
    void heartbeat(List<String> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE terminal_sessions SET heartbeat_at = :now WHERE id IN (:ids)")
                    .param("now", now.toEpochMilli())
                    .param("ids", ids)
                    .update();
        }
    }

    /** Closes open sessions whose replica stopped refreshing them (it died without closing them). */
    int closeLost(Instant heartbeatBefore, Instant now) {
        return jdbc.sql("UPDATE terminal_sessions SET status = 'CLOSED', closed_at = :now, close_reason = 'lost: its"
                        + " server stopped' WHERE status = 'OPEN' AND heartbeat_at < :before")
                .param("now", now.toEpochMilli())
                .param("before", heartbeatBefore.toEpochMilli())
                .update();
    }

    /**
     * Sessions newest first.
     *
     * @param username only this user's; null for everyone's
     * @param status only in this status; null for any
     */
    Page<TerminalSession> list(String username, String status, int page, int size) {
        String where = " WHERE 1 = 1" + (username == null ? "" : " AND username = :u")
                + (status == null ? "" : " AND status = :s");
        var select = jdbc.sql("SELECT * FROM terminal_sessions" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size);
        var count = jdbc.sql("SELECT COUNT(*) FROM terminal_sessions" + where);
        if (username != null) {
            select = select.param("u", username);
            count = count.param("u", username);
        }
        if (status != null) {
            select = select.param("s", status);
            count = count.param("s", status);
        }
        return new Page<>(
                select.query(TerminalSessionStore::row).list(),
                page,
                size,
                count.query(Long.class).single());
    }

    private static TerminalSession row(ResultSet rs, int n) throws SQLException {
        int exit = rs.getInt("exit_code");
        Integer exitCode = rs.wasNull() ? null : exit;
        long bytes = rs.getLong("recording_bytes");
        Long recordingBytes = rs.wasNull() ? null : bytes;
        return new TerminalSession(
                rs.getString("id"),
                rs.getString("username"),
                rs.getLong("cluster_id"),
                rs.getString("namespace_name"),
                rs.getString("pod"),
                rs.getString("container"),
                rs.getString("shell"),
                rs.getInt("cols"),
                rs.getInt("term_rows"),
                rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                instant(rs, "attached_at"),
                instant(rs, "closed_at"),
                rs.getString("close_reason"),
                exitCode,
                recordingBytes);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
