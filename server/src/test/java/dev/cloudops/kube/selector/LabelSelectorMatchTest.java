package dev.cloudops.kube.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The matching catalogue, after apimachinery's TestSelectorMatches and TestRequirementSelectorMatching. */
@DisplayName("LabelSelector.matches selects the objects kube-apiserver selects")
class LabelSelectorMatchTest {

    private static final Map<String, String> FOO_BAZ = Map.of("foo", "bar", "baz", "blah");

    static Stream<Arguments> cases() {
        return Stream.of(
                // TestSelectorMatches
                Arguments.of("", Map.of("x", "y"), true),
                Arguments.of("x=y", Map.of("x", "y"), true),
                Arguments.of("x=y,z=w", Map.of("x", "y", "z", "w"), true),
                Arguments.of("x!=y,z!=w", Map.of("x", "z", "z", "a"), true),
                Arguments.of("notin=in", Map.of("notin", "in"), true),
                Arguments.of("x", Map.of("x", "z"), true),
                Arguments.of("!x", Map.of("y", "z"), true),
                Arguments.of("x>1", Map.of("x", "2"), true),
                Arguments.of("x<1", Map.of("x", "0"), true),
                Arguments.of("x=z", Map.of(), false),
                Arguments.of("x=y", Map.of("x", "z"), false),
                Arguments.of("x=y,z=w", Map.of("x", "w", "z", "w"), false),
                Arguments.of("x!=y,z!=w", Map.of("x", "z", "z", "w"), false),
                Arguments.of("x", Map.of("y", "z"), false),
                Arguments.of("!x", Map.of("x", "z"), false),
                Arguments.of("x>1", Map.of("x", "0"), false),
                Arguments.of("x<1", Map.of("x", "2"), false),
                Arguments.of("foo=bar", FOO_BAZ, true),
                Arguments.of("baz=blah", FOO_BAZ, true),
                Arguments.of("foo=bar,baz=blah", FOO_BAZ, true),
                Arguments.of("foo=blah", FOO_BAZ, false),
                Arguments.of("baz=bar", FOO_BAZ, false),
                Arguments.of("foo=bar,foobar=bar,baz=blah", FOO_BAZ, false),
                // TestRequirementSelectorMatching
                Arguments.of("x in (foo),y notin (alpha)", Map.of("x", "foo", "y", "baz"), true),
                Arguments.of("x in (foo),y in (alpha)", Map.of("x", "foo", "y", "baz"), false),
                Arguments.of("x notin (),y", Map.of("y", ""), true),
                Arguments.of("!x,y", Map.of("y", ""), true),
                Arguments.of("x notin (),!y", Map.of("y", ""), false),
                Arguments.of("x in ()", Map.of("y", "baz"), false),
                Arguments.of("z>1", Map.of("z", "2"), true),
                Arguments.of("z>1", Map.of("z", "v2"), false),
                // != and notin select objects without the key; = and in do not
                Arguments.of("x!=y", Map.of(), true),
                Arguments.of("x notin (a,b)", Map.of(), true),
                Arguments.of("x notin (a,b)", Map.of("x", "a"), false),
                Arguments.of("x notin (a,b)", Map.of("x", "c"), true),
                Arguments.of("x in (a,b)", Map.of(), false),
                Arguments.of("x in (a,b)", Map.of("x", "b"), true),
                Arguments.of("x==y", Map.of("x", "y"), true),
                // the empty value
                Arguments.of("x=", Map.of("x", ""), true),
                Arguments.of("x=", Map.of(), false),
                Arguments.of("x!=", Map.of(), true),
                Arguments.of("x!=", Map.of("x", ""), false),
                Arguments.of("x in (a,)", Map.of("x", ""), true),
                Arguments.of("x in ()", Map.of("x", ""), true),
                Arguments.of("x in ()", Map.of("x", "a"), false),
                // > and < compare integers and need the key with an integer value
                Arguments.of("x>1", Map.of(), false),
                Arguments.of("x<1", Map.of(), false),
                Arguments.of("x>1", Map.of("x", "abc"), false),
                Arguments.of("x<5", Map.of("x", "abc"), false),
                Arguments.of("x>9", Map.of("x", "10"), true),
                Arguments.of("x<10", Map.of("x", "9"), true),
                Arguments.of("x>1", Map.of("x", "1"), false),
                Arguments.of("x<1", Map.of("x", "1"), false),
                Arguments.of("x>01", Map.of("x", "2"), true),
                Arguments.of("x<0", Map.of("x", "-5"), true),
                Arguments.of("x>1", Map.of("x", "+5"), true),
                Arguments.of("x<9223372036854775807", Map.of("x", "9223372036854775808"), false),
                Arguments.of("x>1", Map.of("x", "1_000"), false),
                // prefixed keys, several requirements
                Arguments.of(
                        "app.kubernetes.io/name in (web,api),!canary", Map.of("app.kubernetes.io/name", "web"), true),
                Arguments.of(
                        "app.kubernetes.io/name in (web,api),!canary",
                        Map.of("app.kubernetes.io/name", "web", "canary", "true"),
                        false),
                Arguments.of("app.kubernetes.io/name=web", Map.of("name", "web"), false),
                Arguments.of("tier notin (db),env=prod,release", Map.of("env", "prod", "release", "1"), true),
                Arguments.of("tier notin (db),env=prod,release", Map.of("env", "prod"), false));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" on {1} -> {2}")
    @MethodSource("cases")
    @DisplayName("a selector matches a label set exactly when every requirement holds")
    void matches(String selector, Map<String, String> labels, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
    }

    @Test
    @DisplayName("everything matches any labels, none included")
    void everythingMatchesAll() {
        assertThat(LabelSelector.everything().matches(Map.of("x", "y"))).isTrue();
        assertThat(LabelSelector.everything().matches(Map.of())).isTrue();
        assertThat(LabelSelector.everything().matches(null)).isTrue();
    }

    @Test
    @DisplayName("null labels are no labels, and a key mapped to null is absent")
    void nullLabelsAndNullValuesAreAbsent() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("x", null);

        assertThat(LabelSelector.parse("!x").matches(null)).isTrue();
        assertThat(LabelSelector.parse("x").matches(null)).isFalse();
        assertThat(LabelSelector.parse("x").matches(nullValue)).isFalse();
        assertThat(LabelSelector.parse("!x").matches(nullValue)).isTrue();
        assertThat(LabelSelector.parse("x!=a").matches(nullValue)).isTrue();
        assertThat(LabelSelector.parse("x in (a)").matches(nullValue)).isFalse();
    }
}
