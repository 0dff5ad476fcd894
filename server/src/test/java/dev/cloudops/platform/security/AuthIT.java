package dev.cloudops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.testing.PlatformIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Authentication, tokens and roles over HTTP")
class AuthIT extends PlatformIT {

    @Test
    @DisplayName("login answers a bearer token that opens the API; a wrong password answers 401 bad-credentials")
    void login() {
        var me = api.get("/api/auth/me", admin);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo("admin");
        assertThat(me.json().path("platformAdmin").asBoolean()).isTrue();

        var wrong = api.post("/api/auth/login", Map.of("username", "admin", "password", "wrong-password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("bad-credentials");
        var unknown = api.post("/api/auth/login", Map.of("username", "nobody", "password", "wrong-password"), null);
        assertThat(unknown.code()).isEqualTo("bad-credentials");
        var malformed = api.post("/api/auth/login", "{not json", null);
        assertThat(malformed.code()).isEqualTo("malformed-body");
    }

    @Test
    @DisplayName("no token answers 401 unauthenticated; a forged or revoked token answers 401 invalid-token")
    void tokens() {
        assertThat(api.get("/api/k8s/cluster/list", null).code()).isEqualTo("unauthenticated");
        var forged = api.get("/api/k8s/cluster/list", "cop_forged-token");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("invalid-token");

        var created = api.post("/api/auth/tokens", Map.of("name", "ci", "expiresInDays", 7), admin);
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asString();
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(200);
        var listed = api.get("/api/auth/tokens", admin);
        assertThat(listed.text()).contains("\"ci\"").doesNotContain(token);
        String stored = jdbc.sql("SELECT token_hash FROM tokens WHERE id = :id")
                .param("id", created.json().path("id").asLong())
                .query(String.class)
                .single();
        assertThat(stored).hasSize(64).doesNotContain(token);

        assertThat(api.delete("/api/auth/tokens/" + created.json().path("id").asLong(), admin)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/auth/me", token).code()).isEqualTo("invalid-token");
    }

    @Test
    @DisplayName("an expired token answers 401 invalid-token")
    void expired() {
        var created = api.post("/api/auth/tokens", Map.of("name", "short"), admin);
        String token = created.json().path("token").asString();
        jdbc.sql("UPDATE tokens SET expires_at = 1 WHERE id = :id")
                .param("id", created.json().path("id").asLong())
                .update();
        assertThat(api.get("/api/auth/me", token).code()).isEqualTo("invalid-token");
    }

    @Test
    @DisplayName("five failed logins lock the account with 429 login-locked, even for the right password")
    void throttles() {
        String name = unique("locked");
        api.post("/api/users", Map.of("username", name, "password", PASSWORD, "grants", List.of()), admin);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/login", Map.of("username", name, "password", "wrong-" + i), null)
                            .code())
                    .isEqualTo("bad-credentials");
        }
        var locked = api.post("/api/auth/login", Map.of("username", name, "password", PASSWORD), null);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("login-locked");
    }

    @Test
    @DisplayName("a viewer calling a mutating endpoint gets 403, and the denial is audited")
    void viewerCannotMutate() {
        String viewer = userWith(List.of(grant("VIEWER", null, null)));
        var r = api.post("/api/users", Map.of("username", unique("x"), "password", PASSWORD), viewer);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("forbidden");
        assertThat(api.get("/api/audit", viewer).status()).isEqualTo(403);
        var audit = api.get("/api/audit?result=denied&action=/api/users", admin);
        assertThat(audit.json().path("items").get(0).path("statusCode").asInt()).isEqualTo(403);
    }

    @Test
    @DisplayName("users: weak passwords, bad and duplicate names are refused and nothing is written")
    void userValidation() {
        long before = count("users");
        assertThat(api.post("/api/users", Map.of("username", unique("w"), "password", "short"), admin)
                        .code())
                .isEqualTo("weak-password");
        assertThat(api.post("/api/users", Map.of("username", "Bad Name", "password", PASSWORD), admin)
                        .code())
                .isEqualTo("invalid-username");
        assertThat(api.post("/api/users", Map.of("username", "admin", "password", PASSWORD), admin)
                        .code())
                .isEqualTo("duplicate-username");
        assertThat(api.post(
                                "/api/users",
                                Map.of(
                                        "username",
                                        unique("g"),
                                        "password",
                                        PASSWORD,
                                        "grants",
                                        List.of(Map.of("role", "ADMIN", "namespace", "Bad_NS"))),
                                admin)
                        .code())
                .isEqualTo("invalid-field");
        assertThat(count("users")).isEqualTo(before);
    }

    @Test
    @DisplayName("disabling a user revokes their tokens; an admin cannot delete themselves")
    void disable() {
        String name = unique("d");
        long id = api.post("/api/users", Map.of("username", name, "password", PASSWORD), admin)
                .json()
                .path("id")
                .asLong();
        String token = api.login(name, PASSWORD);
        assertThat(api.put("/api/users/" + id + "/disabled", Map.of("disabled", true), admin)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/auth/me", token).code()).isEqualTo("invalid-token");
        long adminId = api.get("/api/auth/me", admin).json().path("id").asLong();
        assertThat(api.delete("/api/users/" + adminId, admin).code()).isEqualTo("cannot-delete-self");
        assertThat(api.delete("/api/users/" + id, admin).status()).isEqualTo(204);
    }

    @org.springframework.beans.factory.annotation.Autowired
    TokenService tokenService;

    @Test
    @DisplayName("logout revokes the presented token only; the purge removes expired tokens")
    void logoutAndPurge() {
        String first = api.login("admin", ADMIN_PASSWORD);
        String second = api.login("admin", ADMIN_PASSWORD);
        assertThat(api.post("/api/auth/logout", Map.of(), first).status()).isEqualTo(204);
        assertThat(api.get("/api/auth/me", first).code()).isEqualTo("invalid-token");
        assertThat(api.get("/api/auth/me", second).status()).isEqualTo(200);

        var created = api.post("/api/auth/tokens", Map.of("name", "old"), admin);
        jdbc.sql("UPDATE tokens SET expires_at = 1 WHERE id = :id")
                .param("id", created.json().path("id").asLong())
                .update();
        tokenService.purgeExpiredTokens();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tokens WHERE id = :id")
                        .param("id", created.json().path("id").asLong())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @DisplayName("the user list pages and shows each user's grants, never a password hash")
    void listsUsers() {
        String name = unique("listed");
        api.post(
                "/api/users",
                Map.of(
                        "username",
                        name,
                        "password",
                        PASSWORD,
                        "grants",
                        List.of(grant("VIEWER", null, null), grant("OPERATOR", 7L, "shop"))),
                admin);
        var page = api.get("/api/users?size=500", admin);
        assertThat(page.json().path("total").asLong()).isGreaterThanOrEqualTo(2);
        var user = page.json()
                .path("items")
                .valueStream()
                .filter(u -> u.path("username").asString().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(user.path("grants")).hasSize(2);
        assertThat(user.path("grants").get(1).path("namespace").asString()).isEqualTo("shop");
        assertThat(page.text()).doesNotContain("$2a$").doesNotContainIgnoringCase("passwordHash");
        assertThat(api.get("/api/users?size=0", admin).code()).isEqualTo("invalid-field");
    }

    @Test
    @DisplayName("an admin cannot disable their own account")
    void cannotDisableSelf() {
        long adminId = api.get("/api/auth/me", admin).json().path("id").asLong();
        assertThat(api.put("/api/users/" + adminId + "/disabled", Map.of("disabled", true), admin)
                        .code())
                .isEqualTo("cannot-disable-self");
    }

    @Test
    @DisplayName("the master key file is created owner-only")
    void keyFile() throws Exception {
        Path key = Path.of("target/it-data/master.key");
        assertThat(key).exists();
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
