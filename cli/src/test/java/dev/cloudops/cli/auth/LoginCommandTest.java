package dev.cloudops.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("login request and response records")
class LoginCommandTest {

    @Test
    @DisplayName("toString never shows the password or the token")
    void redacted() {
        assertThat(new LoginCommand.LoginRequest("alice", "pw-123").toString())
                .contains("alice")
                .doesNotContain("pw-123");
        assertThat(new LoginCommand.LoginResponse("tok-123", "2026-06-02T12:00:00Z").toString())
                .contains("2026-06-02T12:00:00Z")
                .doesNotContain("tok-123");
    }
}
