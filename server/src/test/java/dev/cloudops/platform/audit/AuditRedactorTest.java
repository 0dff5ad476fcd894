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
        String bomb = "a: &a [x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n";
        assertThat(redactor.redact(bomb)).isEqualTo("[body not recorded: unparseable]");
    }
}
