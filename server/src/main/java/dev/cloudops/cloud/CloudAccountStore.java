package dev.cloudops.cloud;

import dev.cloudops.platform.security.Role;
import dev.cloudops.platform.store.GeneratedKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Cloud account rows (credentials sealed) and the per-account grants. Regions are newline-separated text. */
@Repository
class CloudAccountStore {

    /** A row as stored: the credentials are sealed. */
    record Row(CloudAccountView view, String sealedCredentials) {}

    /** A user's role on an account. */
    record AccountGrant(long userId, Role role) {}

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CloudAccountStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(CloudAccountView v, String sealed) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO cloud_accounts (name, provider, regions, credentials_sealed, key_hint, role_arn,"
                        + " endpoints, identity, identity_account, validated_at, created_by, created_at, updated_at)"
                        + " VALUES (:name, :provider, :regions, :creds, :hint, :role, :endpoints, :identity,"
                        + " :identityAccount, :validated, :by, :created, :updated)")
                .params(params(v))
                .param("creds", sealed)
                .param("provider", v.provider())
                .param("by", v.createdBy())
                .param("created", v.createdAt().toEpochMilli())
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    void update(CloudAccountView v, String sealed) {
        jdbc.sql("UPDATE cloud_accounts SET name = :name, regions = :regions, credentials_sealed = :creds,"
                        + " key_hint = :hint, role_arn = :role, endpoints = :endpoints, identity = :identity,"
                        + " identity_account = :identityAccount, validated_at = :validated, updated_at = :updated"
                        + " WHERE id = :id")
                .params(params(v))
                .param("creds", sealed)
                .param("id", v.id())
                .update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT * FROM cloud_accounts WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM cloud_accounts WHERE name = :n AND id <> :id")
                        .param("n", name)
                        .param("id", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<Row> all() {
        return jdbc.sql("SELECT * FROM cloud_accounts ORDER BY id")
                .query(this::row)
                .list();
    }

    List<CloudAccountView> list(String provider, Set<Long> visible, int offset, int limit) {
        Map<String, Object> params = new TreeMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc
                .sql("SELECT * FROM cloud_accounts" + where(provider, visible, params)
                        + " ORDER BY name LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::row)
                .list()
                .stream()
                .map(Row::view)
                .toList();
    }

    long count(String provider, Set<Long> visible) {
        Map<String, Object> params = new TreeMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM cloud_accounts" + where(provider, visible, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM cloud_accounts WHERE id = :id").param("id", id).update();
    }

    Optional<Role> roleOf(long accountId, long userId) {
        return jdbc.sql("SELECT role FROM cloud_account_grants WHERE account_id = :a AND user_id = :u")
                .param("a", accountId)
                .param("u", userId)
                .query((rs, i) -> Role.valueOf(rs.getString(1)))
                .optional();
    }

    Set<Long> accountsOf(long userId) {
        return Set.copyOf(jdbc.sql("SELECT account_id FROM cloud_account_grants WHERE user_id = :u")
                .param("u", userId)
                .query(Long.class)
                .list());
    }

    List<AccountGrant> grants(long accountId) {
        return jdbc.sql("SELECT user_id, role FROM cloud_account_grants WHERE account_id = :a ORDER BY user_id")
                .param("a", accountId)
                .query((rs, i) -> new AccountGrant(rs.getLong(1), Role.valueOf(rs.getString(2))))
                .list();
    }

    @Transactional
    void replaceGrants(long accountId, List<AccountGrant> grants) {
        jdbc.sql("DELETE FROM cloud_account_grants WHERE account_id = :a")
                .param("a", accountId)
                .update();
        for (AccountGrant g : grants) {
            jdbc.sql("INSERT INTO cloud_account_grants (account_id, user_id, role) VALUES (:a, :u, :r)")
                    .param("a", accountId)
                    .param("u", g.userId())
                    .param("r", g.role().name())
                    .update();
        }
    }

    private static String where(String provider, Set<Long> visible, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (provider != null) {
            where.append(" AND provider = :provider");
            params.put("provider", provider);
        }
        if (visible != null) {
            if (visible.isEmpty()) {
                where.append(" AND 1 = 0");
            } else {
                where.append(" AND id IN (:ids)");
                params.put("ids", visible);
            }
        }
        return where.toString();
    }

    private Map<String, Object> params(CloudAccountView v) {
        Map<String, Object> p = new TreeMap<>();
        p.put("name", v.name());
        p.put("regions", String.join("\n", v.regions()));
        p.put("hint", v.keyHint());
        p.put("role", v.roleArn());
        p.put("endpoints", json.writeValueAsString(new TreeMap<>(v.endpoints())));
        p.put("identity", v.identity() == null ? null : v.identity().principal());
        p.put("identityAccount", v.identity() == null ? null : v.identity().account());
        p.put("validated", v.validatedAt() == null ? null : v.validatedAt().toEpochMilli());
        p.put("updated", v.updatedAt().toEpochMilli());
        return p;
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        long validated = rs.getLong("validated_at");
        boolean neverValidated = rs.wasNull();
        String principal = rs.getString("identity");
        var view = new CloudAccountView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("provider"),
                Arrays.asList(rs.getString("regions").split("\n")),
                rs.getString("key_hint"),
                rs.getString("role_arn"),
                json.readValue(rs.getString("endpoints"), STRING_MAP),
                principal == null ? null : new CloudIdentity(rs.getString("identity_account"), principal, null),
                neverValidated ? null : Instant.ofEpochMilli(validated),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
        return new Row(view, rs.getString("credentials_sealed"));
    }
}
