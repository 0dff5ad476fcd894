package dev.cloudops.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudops.platform.error.ApiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Manifest parsing")
class ManifestParserTest {

    @Test
    @DisplayName(
            "multi-document YAML, JSON objects, arrays and List kinds all become documents; empty ones are skipped")
    void shapes() {
        assertThat(ManifestParser.parse("a: 1\n---\n---\nb: 2\n")).hasSize(2);
        assertThat(ManifestParser.parse("{\"kind\":\"ConfigMap\"}")).hasSize(1);
        assertThat(ManifestParser.parse("[{\"a\":1},{\"b\":2}]")).hasSize(2);
        assertThat(ManifestParser.parse("kind: List\nitems:\n- {a: 1}\n- {b: 2}\n- {c: 3}\n"))
                .hasSize(3);
    }

    @Test
    @DisplayName("empty manifests, scalars, duplicate keys and too many documents are refused")
    void refusals() {
        assertCode("", "empty-manifest");
        assertCode("---\n---\n", "empty-manifest");
        assertCode("just a string", "invalid-document");
        assertCode("a: 1\na: 2\n", "invalid-yaml");
        assertCode("a: 1\n---\n".repeat(ManifestParser.MAX_DOCUMENTS + 1), "too-many-documents");
    }

    private static void assertCode(String text, String code) {
        assertThatThrownBy(() -> ManifestParser.parse(text))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
