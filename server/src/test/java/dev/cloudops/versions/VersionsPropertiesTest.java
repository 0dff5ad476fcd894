package dev.cloudops.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Versions settings: Secrets are never tracked automatically")
class VersionsPropertiesTest {

    private static VersionsProperties with(String kind) {
        return new VersionsProperties(
                List.of("deployments.apps", kind),
                true,
                List.of(),
                true,
                Duration.ofSeconds(30),
                Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secrets", "Secret", "secret", "SECRETS"})
    @DisplayName("naming secrets in auto-track stops the start-up with a reason")
    void secretsRefused(String kind) {
        assertThatThrownBy(() -> with(kind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not name secrets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"configmaps", "secretstores.external-secrets.io", "services"})
    @DisplayName("other kinds, even with 'secret' in their name, are accepted")
    void othersAccepted(String kind) {
        assertThat(with(kind).autoTrack()).contains(kind);
    }
}
