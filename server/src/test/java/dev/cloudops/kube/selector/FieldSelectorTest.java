package dev.cloudops.kube.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** After apimachinery's fields package: ParseSelector, EscapeValue and UnescapeValue. */
@DisplayName("FieldSelector parses and matches as kube-apiserver's field selectors")
class FieldSelectorTest {

    private static Function<String, String> object(Map<String, String> fields) {
        return fields::get;
    }

    static Stream<Arguments> validSelectors() {
        return Stream.of(
                Arguments.of("metadata.name=foo", "metadata.name=foo"),
                Arguments.of("metadata.name==foo", "metadata.name=foo"),
                Arguments.of("status.phase!=Running", "status.phase!=Running"),
                Arguments.of("b=1,a=2", "a=2,b=1"),
                Arguments.of("a=b,,c=d", "a=b,c=d"),
                Arguments.of(",", ""),
                Arguments.of("a=", "a="),
                Arguments.of("=a", "=a"),
                Arguments.of("a=x\\,y", "a=x\\,y"),
                Arguments.of("a=x\\=y", "a=x\\=y"),
                Arguments.of("a=x\\\\y", "a=x\\\\y"),
                Arguments.of("a\\,b=c", "a\\,b=c"),
                Arguments.of("a = b", "a = b"),
                Arguments.of("a=b,a=b", "a=b,a=b"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @MethodSource("validSelectors")
    @DisplayName("a valid selector prints with sorted terms, '=' for '==' and escaped values, and reparses equal")
    void validSelectorParses(String input, String canonical) {
        FieldSelector selector = FieldSelector.parse(input);

        assertThat(selector).hasToString(canonical);
        assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector).hasSameHashCodeAs(selector);
    }

    static Stream<Arguments> invalidSelectors() {
        return Stream.of(
                Arguments.of("x", "invalid selector: 'x'; can't understand 'x'", 0, "x"),
                Arguments.of(" ", "invalid selector: ' '; can't understand ' '", 0, " "),
                Arguments.of("a=b,x", "invalid selector: 'a=b,x'; can't understand 'x'", 4, "x"),
                // terms are examined in sorted order, so 'a' is reported before 'z'
                Arguments.of("z,a", "invalid selector: 'z,a'; can't understand 'a'", 2, "a"),
                Arguments.of("a=x\\y", "invalid field selector: invalid escape sequence: \\y", 3, "\\y"),
                Arguments.of("a=x\\", "invalid field selector: invalid escape sequence: \\", 3, "\\"),
                Arguments.of("a=b=c", "invalid field selector: unescaped character in value: '='", 3, "="),
                Arguments.of("a==b=c", "invalid field selector: unescaped character in value: '='", 4, "="),
                Arguments.of("a=!=b", "invalid field selector: unescaped character in value: '='", 3, "="),
                Arguments.of("a!=b=c", "invalid field selector: unescaped character in value: '='", 4, "="),
                Arguments.of("a===b", "invalid field selector: unescaped character in value: '='", 3, "="),
                Arguments.of("ok=1,b=x\\q", "invalid field selector: invalid escape sequence: \\q", 8, "\\q"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalidSelectors")
    @DisplayName("an invalid selector is rejected with apimachinery's message, its position and its token")
    void invalidSelectorIsRejected(String input, String message, int position, String token) {
        assertThatThrownBy(() -> FieldSelector.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message)
                .asInstanceOf(type(InvalidSelectorException.class))
                .satisfies(e -> {
                    assertThat(e.position()).hasValue(position);
                    assertThat(e.token()).hasValue(token);
                });
    }

    static Stream<Arguments> matching() {
        Map<String, String> pod = Map.of("metadata.name", "web-1", "metadata.namespace", "shop", "spec.nodeName", "");
        return Stream.of(
                Arguments.of("", pod, true),
                Arguments.of("metadata.name=web-1", pod, true),
                Arguments.of("metadata.name==web-1", pod, true),
                Arguments.of("metadata.name=web-2", pod, false),
                Arguments.of("metadata.name!=web-2", pod, true),
                Arguments.of("metadata.name!=web-1", pod, false),
                Arguments.of("metadata.name=web-1,metadata.namespace=shop", pod, true),
                Arguments.of("metadata.name=web-1,metadata.namespace!=shop", pod, false),
                // a missing field is ""
                Arguments.of("spec.nodeName=", pod, true),
                Arguments.of("status.phase=", pod, true),
                Arguments.of("status.phase!=Running", pod, true),
                Arguments.of("status.phase=Running", pod, false),
                Arguments.of("metadata.name=web\\,1", Map.of("metadata.name", "web,1"), true),
                Arguments.of("metadata.name=a\\=b\\\\c", Map.of("metadata.name", "a=b\\c"), true));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {2}")
    @MethodSource("matching")
    @DisplayName("a selector matches an object exactly when every term holds")
    void matches(String selector, Map<String, String> fields, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(object(fields))).isEqualTo(expected);
    }

    @Test
    @DisplayName("null and empty select everything")
    void nullAndEmptySelectEverything() {
        assertThat(FieldSelector.parse(null)).isSameAs(FieldSelector.everything());
        assertThat(FieldSelector.parse("")).isSameAs(FieldSelector.everything());
        assertThat(FieldSelector.everything().isEmpty()).isTrue();
        assertThat(FieldSelector.everything().fields()).isEmpty();
        assertThat(FieldSelector.everything().matches(field -> null)).isTrue();
        assertThat(FieldSelector.everything()).hasToString("");
    }

    @Test
    @DisplayName("fields() lists the field names as written, so the caller can reject unsupported ones")
    void fieldsAreExposedUnvalidated() {
        FieldSelector selector = FieldSelector.parse("status.phase!=Failed,metadata.name=a,bogus =x,metadata.name!=b");

        assertThat(selector.fields()).containsExactly("bogus ", "metadata.name", "status.phase");
        assertThat(selector.isEmpty()).isFalse();
        assertThatThrownBy(() -> selector.fields().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("requiredValue gives the value an equality term demands, never one from an inequality")
    void requiredValue() {
        FieldSelector selector = FieldSelector.parse("metadata.namespace==shop,metadata.name!=web-1");

        assertThat(selector.requiredValue("metadata.namespace")).hasValue("shop");
        assertThat(selector.requiredValue("metadata.name")).isEmpty();
        assertThat(selector.requiredValue("spec.nodeName")).isEmpty();
    }

    @Test
    @DisplayName("escapeValue backslashes \\ , and = so that any value round-trips through a selector")
    void escapeRoundTrips() {
        String value = "a,b=c\\d,=";

        assertThat(FieldSelector.escapeValue(value)).isEqualTo("a\\,b\\=c\\\\d\\,\\=");
        assertThat(FieldSelector.parse("f=" + FieldSelector.escapeValue(value)).matches(object(Map.of("f", value))))
                .isTrue();
        assertThat(FieldSelector.parse("f=" + FieldSelector.escapeValue(value)).requiredValue("f"))
                .hasValue(value);
    }
}
