package dev.cloudops.platform.security;

import dev.cloudops.platform.CloudOpsProperties;
import dev.cloudops.platform.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Issues and checks opaque bearer tokens. Login tokens expire after the session lifetime; API tokens (for
 * the CLI and MCP clients) live as long as asked, up to a maximum, and can be revoked. Only a hash is kept:
 * a stolen database yields no usable token.
 */
@Service
public class TokenService {

    static final String SESSION = "session";
    static final String API = "api";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as shown once to its owner. */
    public record IssuedToken(long id, String name, String token, Instant expiresAt) {}

    /** An API token as listed later: never the token itself. */
    public record TokenInfo(
            long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean revoked) {}

    private final TokenStore tokens;
    private final UserStore users;
    private final CloudOpsProperties.Security settings;
    private final Clock clock;

    TokenService(TokenStore tokens, UserStore users, CloudOpsProperties properties, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.settings = properties.security();
        this.clock = clock;
    }

    IssuedToken issueSession(long userId) {
        return issue(userId, SESSION, "login", settings.sessionTtl());
    }

    public IssuedToken issueApiToken(CurrentUser user, String name, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(settings.apiTokenMaxTtl()) > 0) {
            throw ApiException.badRequest(
                    "invalid-token-lifetime",
                    "Token lifetime must be between 1 day and "
                            + settings.apiTokenMaxTtl().toDays() + " days",
                    "expiresInDays");
        }
        return issue(user.id(), API, name, ttl);
    }

    public List<TokenInfo> listApiTokens(CurrentUser user) {
        return tokens.listApiTokens(user.id()).stream()
                .map(t -> new TokenInfo(
                        t.id(),
                        t.name(),
                        Instant.ofEpochMilli(t.createdAt()),
                        Instant.ofEpochMilli(t.expiresAt()),
                        t.lastUsedAt() == null ? null : Instant.ofEpochMilli(t.lastUsedAt()),
                        t.revoked()))
                .toList();
    }

    public void revoke(CurrentUser user, long tokenId) {
        if (!tokens.revoke(tokenId, user.id())) {
            throw ApiException.notFound("token-not-found", "No token " + tokenId + " of user " + user.username());
        }
    }

    /** Revokes the token the caller presented (logout). */
    public void revokePresented(String presented) {
        tokens.revokeByHash(hash(presented));
    }

    /** Deletes tokens past their expiry, once a day, once per fleet. */
    @org.springframework.scheduling.annotation.Scheduled(cron = "0 17 3 * * *")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(name = "token-purge", lockAtMostFor = "PT10M")
    public void purgeExpiredTokens() {
        tokens.deleteExpired(clock.millis());
    }

    /** The user behind a presented token, if it is known, unrevoked, unexpired and its user enabled. */
    Optional<CurrentUser> authenticate(String presented) {
        long now = clock.millis();
        return tokens.findByHash(hash(presented))
                .filter(t -> !t.revoked() && t.expiresAt() > now)
                .flatMap(t -> {
                    if (t.lastUsedAt() == null || now - t.lastUsedAt() > TOUCH_EVERY.toMillis()) {
                        tokens.touch(t.id(), now);
                    }
                    return users.findById(t.userId())
                            .filter(u -> !u.disabled())
                            .map(u -> new CurrentUser(u.id(), u.username(), users.grants(u.id())));
                });
    }

    private IssuedToken issue(long userId, String kind, String name, Duration ttl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "cop_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        long id = tokens.insert(userId, kind, name, hash(token), now.toEpochMilli(), expires.toEpochMilli());
        return new IssuedToken(id, name, token, expires);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
