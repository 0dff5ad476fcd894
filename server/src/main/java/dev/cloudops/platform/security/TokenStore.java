package dev.cloudops.platform.security;

import dev.cloudops.platform.store.GeneratedKeys;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Bearer tokens, stored only as SHA-256 hashes. */
@Repository
class TokenStore {

    record TokenRow(
            long id,
            long userId,
            String kind,
            String name,
            String tokenHash,
            long createdAt,
            long expiresAt,
            Long lastUsedAt,
            boolean revoked) {}

    private final JdbcClient jdbc;

    TokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, String kind, String name, String hash, long now, long expiresAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO tokens (user_id, kind, name, token_hash, created_at, expires_at, revoked)"
                        + " VALUES (:u, :k, :n, :h, :now, :exp, FALSE)")
                .param("u", userId)
                .param("k", kind)
                .param("n", name)
                .param("h", hash)
                .param("now", now)
                .param("exp", expiresAt)
                .update(keys, "id");
        return GeneratedKeys.id(keys);
    }

    Optional<TokenRow> findByHash(String hash) {
        return jdbc.sql("SELECT * FROM tokens WHERE token_hash = :h")
                .param("h", hash)
                .query(TokenRow.class)
                .optional();
    }

    List<TokenRow> listApiTokens(long userId) {
        return jdbc.sql("SELECT * FROM tokens WHERE user_id = :u AND kind = 'api' ORDER BY id")
                .param("u", userId)
                .query(TokenRow.class)
                .list();
    }

    boolean revoke(long tokenId, long userId) {
        return jdbc.sql("UPDATE tokens SET revoked = TRUE WHERE id = :id AND user_id = :u")
                        .param("id", tokenId)
                        .param("u", userId)
                        .update()
                > 0;
    }

    void revokeByHash(String hash) {
        jdbc.sql("UPDATE tokens SET revoked = TRUE WHERE token_hash = :h")
                .param("h", hash)
                .update();
    }

    void revokeAll(long userId) {
        jdbc.sql("UPDATE tokens SET revoked = TRUE WHERE user_id = :u")
                .param("u", userId)
                .update();
    }

    void touch(long tokenId, long now) {
        jdbc.sql("UPDATE tokens SET last_used_at = :now WHERE id = :id")
                .param("now", now)
                .param("id", tokenId)
                .update();
    }

    int deleteExpired(long now) {
        return jdbc.sql("DELETE FROM tokens WHERE expires_at < :now")
                .param("now", now)
                .update();
    }
}
