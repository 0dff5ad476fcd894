package dev.cloudops.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    @DisplayName("Secrets anywhere in an answer keep their keys but not their values or last-applied annotation")
    void masks() {
        Map<String, Object> secret = Map.of(
                "kind",
                "Secret",
                "metadata",
                Map.of(
                        "name",
                        "db",
                        "annotations",
                        Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":1}", "team", "a")),
                "data",
                Map.of("password", "c2VjcmV0"),
                "stringData",
                Map.of("token", "plain"));
        Object masked = SecretMasker.mask(Map.of(
                "items", List.of(secret, Map.of("kind", "ConfigMap", "data", Map.of("k", "v")))));
        String text = masked.toString();
        assertThat(text).contains("password=***", "token=***", "team=a", "k=v");
        assertThat(text).doesNotContain("c2VjcmV0", "plain", "{\"data\":1}");
    }

    @Test
    @DisplayName("list items without a kind are masked when the caller knows they are Secrets")
    void asSecret() {
        Map<String, Object> item = Map.of("metadata", Map.of("name", "x"), "data", Map.of("a", "b"));
        assertThat(SecretMasker.maskAsSecret(item)).containsEntry("data", Map.of("a", "***"));
        assertThat(SecretMasker.mask(item)).isEqualTo(item);
    }
}
