package dev.cloudops.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Audit bodies are kept without secrets")
class AuditRedactorTest {

    private final AuditRedactor redactor =
            new AuditRedactor(JsonMapper.builder().build());

    @Test
    @DisplayName("credential-like keys are redacted at any depth; other fields are kept")
    void redactsCredentials() {
        String out = redactor.redact(
                "{\"name\":\"c1\",\"kubeconfig\":\"apiVersion: v1 token: abc\",\"nested\":{\"apiToken\":\"t\",\"dbPassword\":\"p\",\"keep\":1}}");
        assertThat(out)
                .contains("\"name\":\"c1\"")
                .contains("\"keep\":1")
                .doesNotContain("abc")
                .doesNotContain("\"t\"")
                .doesNotContain("\"p\"");
    }

    @Test
    @DisplayName("the data and stringData of Secrets in YAML manifests are redacted")
    void redactsSecretData() {
        String out = redactor.redact(
                "apiVersion: v1\nkind: ConfigMap\ndata: {a: visible}\n---\napiVersion: v1\nkind: Secret\ndata: {pw: c2VjcmV0}\nstringData: {x: plain}\n");
        assertThat(out).contains("visible").doesNotContain("c2VjcmV0").doesNotContain("plain");
    }

    @Test
    @DisplayName("empty bodies are not kept; unparseable and hostile bodies are not kept either")
    void unparseable() {
        assertThat(redactor.redact("")).isNull();
        assertThat(redactor.redact("{\"a\": [unclosed")).isEqualTo("[body not recorded: unparseable]");
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a")
                    .append(i)
                    .append(": &a")
                    .append(i)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1))))
                    .append("]\n");
        }
        assertThat(redactor.redact(bomb.toString())).isEqualTo("[body not recorded: unparseable]");
    }
}
