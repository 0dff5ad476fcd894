package dev.cloudops.container.exec;

import dev.cloudops.platform.security.Role;
import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ExecRuleStore {

    private final JdbcClient jdbc;

    ExecRuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ExecRule> all() {
        return jdbc.sql("SELECT * FROM exec_rules ORDER BY id")
                .query(ExecRuleStore::row)
                .list();
    }

    long insert(ExecRule r) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO exec_rules (effect, scope, role, cluster_id, namespace_name, argv0, pattern,"
                        + " description, created_by, created_at) VALUES (:e, :s, :r, :c, :n, :a, :p, :d, :by, :at)")
                .param("e", r.effect().name())
                .param("s", r.scope().name())
                .param("r", r.role() == null ? null : r.role().name())
                .param("c", r.clusterId())
                .param("n", r.namespace())
                .param("a", r.argv0())
                .param("p", r.pattern())
                .param("d", r.description())
                .param("by", r.createdBy())
                .param("at", r.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM exec_rules WHERE id = :id").param("id", id).update() > 0;
    }

    private static ExecRule row(ResultSet rs, int n) throws SQLException {
        long cluster = rs.getLong("cluster_id");
        Long clusterId = rs.wasNull() ? null : cluster;
        String role = rs.getString("role");
        return new ExecRule(
                rs.getLong("id"),
                ExecRule.Effect.valueOf(rs.getString("effect")),
                ExecRule.Scope.valueOf(rs.getString("scope")),
                role == null ? null : Role.valueOf(role),
                clusterId,
                rs.getString("namespace_name"),
                rs.getString("argv0"),
                rs.getString("pattern"),
                rs.getString("description"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
