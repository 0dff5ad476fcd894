package dev.cloudops.platform.security;

import dev.cloudops.platform.store.GeneratedKeys;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Users and their grants. */
@Repository
class UserStore {

    record UserRow(
            long id,
            String username,
            String passwordHash,
            boolean disabled,
            int failedLogins,
            Long lockedUntil,
            long createdAt) {}

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserRow> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM users WHERE username = :u")
                .param("u", username)
                .query(UserRow.class)
                .optional();
    }

    Optional<UserRow> findById(long id) {
        return jdbc.sql("SELECT * FROM users WHERE id = :id")
                .param("id", id)
                .query(UserRow.class)
                .optional();
    }

    List<UserRow> list(int offset, int limit) {
        return jdbc.sql("SELECT * FROM users ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(UserRow.class)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    @Transactional
    long create(String username, String passwordHash, List<Grant> grants, long now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (username, password_hash, disabled, failed_logins, created_at)"
                        + " VALUES (:u, :p, FALSE, 0, :now)")
                .param("u", username)
                .param("p", passwordHash)
                .param("now", now)
                .update(keys, "id");
        long id = GeneratedKeys.id(keys);
        replaceGrants(id, grants);
        return id;
    }

    @Transactional
    void replaceGrants(long userId, List<Grant> grants) {
        jdbc.sql("DELETE FROM grants WHERE user_id = :id").param("id", userId).update();
        for (Grant g : grants) {
            jdbc.sql("INSERT INTO grants (user_id, role, cluster_id, namespace_name) VALUES (:id, :r, :c, :n)")
                    .param("id", userId)
                    .param("r", g.role().name())
                    .param("c", g.clusterId())
                    .param("n", g.namespace())
                    .update();
        }
    }

    List<Grant> grants(long userId) {
        return jdbc.sql("SELECT role, cluster_id, namespace_name FROM grants WHERE user_id = :id ORDER BY id")
                .param("id", userId)
                .query((rs, i) -> new Grant(
                        Role.valueOf(rs.getString(1)), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3)))
                .list();
    }

    /** The grants of several users in one query, by user id. */
    java.util.Map<Long, List<Grant>> grants(List<Long> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<Long, List<Grant>> byUser = new java.util.HashMap<>();
        jdbc.sql("SELECT user_id, role, cluster_id, namespace_name FROM grants WHERE user_id IN (:ids) ORDER BY id")
                .param("ids", userIds)
                .query(rs -> {
                    byUser.computeIfAbsent(rs.getLong(1), id -> new java.util.ArrayList<>())
                            .add(new Grant(
                                    Role.valueOf(rs.getString(2)),
                                    rs.getObject(3) == null ? null : rs.getLong(3),
                                    rs.getString(4)));
                });
        return byUser;
    }

    void recordFailure(long userId, int failures, Long lockedUntil) {
        jdbc.sql("UPDATE users SET failed_logins = :f, locked_until = :l WHERE id = :id")
                .param("f", failures)
                .param("l", lockedUntil)
                .param("id", userId)
                .update();
    }

    void clearFailures(long userId) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id")
                .param("id", userId)
                .update();
    }

    void updatePassword(long userId, String hash) {
        jdbc.sql("UPDATE users SET password_hash = :p WHERE id = :id")
                .param("p", hash)
                .param("id", userId)
                .update();
    }

    void setDisabled(long userId, boolean disabled) {
        jdbc.sql("UPDATE users SET disabled = :d WHERE id = :id")
                .param("d", disabled)
                .param("id", userId)
                .update();
    }

    boolean delete(long userId) {
        return jdbc.sql("DELETE FROM users WHERE id = :id").param("id", userId).update() > 0;
    }
}
