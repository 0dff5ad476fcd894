package dev.cloudops.kube.selector;

import static dev.cloudops.kube.selector.LabelSelectorParseTest.NAME_RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Label keys are qualified names, validated as apimachinery's content.IsLabelKey. */
@DisplayName("Label keys must be qualified names: [DNS subdomain ≤ 253 bytes '/'] name ≤ 63 bytes")
class LabelKeyValidationTest {

    private static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
            + "[a-z0-9])?)*')";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "a",
                "1",
                "1foo",
                "1234",
                "a.b_c-d",
                "A_Z",
                "example.com/MyName",
                "0.1.2.domain/99",
                "a-b.c/d",
                "kubernetes.io/os",
                "node-role.kubernetes.io/control-plane"
            })
    @DisplayName("a qualified name is a valid key")
    void validKey(String key) {
        assertThat(LabelSelector.parse(key)).hasToString(key);
        assertThat(LabelSelector.parse("!" + key)).hasToString("!" + key);
    }

    static Stream<Arguments> invalidKeys() {
        String tooLongName = "n".repeat(64);
        String tooLongPrefix = "p".repeat(254);
        String cyrillic = "я".repeat(32);
        return Stream.of(
                Arguments.of(tooLongName, "name part must be no more than 63 bytes"),
                Arguments.of("a".repeat(254), "name part must be no more than 63 bytes"),
                Arguments.of(tooLongPrefix + "/n", "prefix part must be no more than 253 bytes"),
                Arguments.of("-a", "name part " + NAME_RULE),
                Arguments.of("a-", "name part " + NAME_RULE),
                Arguments.of(".a", "name part " + NAME_RULE),
                Arguments.of("a@b", "name part " + NAME_RULE),
                Arguments.of("a|b", "name part " + NAME_RULE),
                Arguments.of("/x", "prefix part must be non-empty"),
                Arguments.of("x/", "name part must be non-empty; name part " + NAME_RULE),
                Arguments.of("Example.com/a", "prefix part " + SUBDOMAIN_RULE),
                Arguments.of("a_b/c", "prefix part " + SUBDOMAIN_RULE),
                Arguments.of("a..b/c", "prefix part " + SUBDOMAIN_RULE),
                Arguments.of("ex-.com/a", "prefix part " + SUBDOMAIN_RULE),
                Arguments.of(".ex.com/a", "prefix part " + SUBDOMAIN_RULE),
                Arguments.of(
                        "x/y/z",
                        "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start"
                                + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
                                + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
                                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
                // lengths are counted in UTF-8 bytes, as in Go: 32 Cyrillic letters are 64 bytes
                Arguments.of(cyrillic, "name part must be no more than 63 bytes; name part " + NAME_RULE),
                Arguments.of(
                        "UPPER/" + tooLongName,
                        "prefix part " + SUBDOMAIN_RULE + "; name part must be no more than 63 bytes"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidKeys")
    @DisplayName("an invalid key is rejected wherever it stands, with every reason and the key's position")
    void invalidKey(String key, String reasons) {
        String expected = "unable to parse requirement: key: Invalid value: \"" + key + "\": " + reasons;
        for (String selector : new String[] {"a=b," + key, "a=b,!" + key, "a=b," + key + " in (x)"}) {
            int position = selector.indexOf(key, 4);
            assertThatThrownBy(() -> LabelSelector.parse(selector))
                    .hasMessage(expected)
                    .asInstanceOf(type(InvalidSelectorException.class))
                    .satisfies(e -> {
                        assertThat(e.position()).hasValue(position);
                        assertThat(e.token()).hasValue(key);
                    });
        }
    }
}
