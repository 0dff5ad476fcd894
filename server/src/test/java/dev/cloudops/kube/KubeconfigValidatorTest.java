package dev.cloudops.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Kubeconfig validation before any connection")
class KubeconfigValidatorTest {

    static final String VALID = """
            apiVersion: v1
            clusters:
            - name: c
              cluster: {server: "https://10.0.0.1:6443", certificate-authority-data: "Zm9v"}
            contexts:
            - name: one
              context: {cluster: c, user: u}
            - name: two
              context: {cluster: c, user: cert}
            current-context: one
            users:
            - name: u
              user: {token: abc}
            - name: cert
              user: {client-certificate-data: Y2VydA==, client-key-data: a2V5}
            """;

    @Test
    @DisplayName("uses the current context unless one is named, and reports the server URL")
    void valid() {
        assertThat(KubeconfigValidator.validate(VALID, null))
                .isEqualTo(new KubeconfigValidator.Validated("one", "https://10.0.0.1:6443"));
        assertThat(KubeconfigValidator.validate(VALID, "two").context()).isEqualTo("two");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty|''|invalid-kubeconfig",
                "only a comment|'# nothing here'|invalid-kubeconfig",
                "not a mapping|'- a\n- b'|invalid-kubeconfig",
                "no clusters list|'current-context: x\ncontexts: []'|unknown-context",
                "no current context|'clusters: []'|incomplete-kubeconfig",
            })
    @DisplayName("malformed kubeconfigs are refused with a code per fault")
    void malformed(String name, String text, String code) {
        assertThatThrownBy(() -> KubeconfigValidator.validate(text, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    @DisplayName("credentials that run programs or read server files are refused; a user with none is incomplete")
    void credentials() {
        assertCode(VALID.replace("{token: abc}", "{exec: {command: aws}}"), "unsupported-credentials");
        assertCode(VALID.replace("{token: abc}", "{auth-provider: {name: gcp}}"), "unsupported-credentials");
        assertCode(VALID.replace("{token: abc}", "{tokenFile: /etc/shadow}"), "unsupported-credentials");
        assertCode(
                VALID.replace("certificate-authority-data: \"Zm9v\"", "certificate-authority: /etc/ca"),
                "unsupported-credentials");
        assertCode(VALID.replace("{token: abc}", "{}"), "incomplete-kubeconfig");
        assertCode(VALID.replace("https://10.0.0.1:6443", "unix:///var/run/k8s"), "invalid-kubeconfig");
        assertCode(VALID.replace("cluster: c, user: u", "cluster: missing, user: u"), "incomplete-kubeconfig");
    }

    @Test
    @DisplayName("YAML errors are described by position, never by quoting the text (it may hold a token)")
    void errorsDoNotQuote() {
        assertThatThrownBy(() -> KubeconfigValidator.validate("token: supersecret\n  bad: [", null))
                .hasMessageNotContaining("supersecret");
    }

    private static void assertCode(String text, String code) {
        assertThatThrownBy(() -> KubeconfigValidator.validate(text, null))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
