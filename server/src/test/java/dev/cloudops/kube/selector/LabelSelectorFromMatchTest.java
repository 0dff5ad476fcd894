package dev.cloudops.kube.selector;

import static dev.cloudops.kube.selector.LabelSelectorParseTest.VALUE_RULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** metav1.LabelSelector semantics, after metav1.LabelSelectorAsSelector and TestRequirementConstructor. */
@DisplayName("LabelSelector.fromMatch means what a metav1.LabelSelector means")
class LabelSelectorFromMatchTest {

    private static SelectorRequirement expr(String key, String operator, String... values) {
        return new SelectorRequirement(key, operator, Arrays.asList(values));
    }

    @Test
    @DisplayName("empty or null matchLabels and matchExpressions select everything")
    void emptySelectsEverything() {
        assertThat(LabelSelector.fromMatch(null, null)).isSameAs(LabelSelector.everything());
        assertThat(LabelSelector.fromMatch(Map.of(), List.of())).isSameAs(LabelSelector.everything());
    }

    @Test
    @DisplayName("matchLabels are key=value requirements and expressions their operators, all ANDed")
    void matchLabelsAndExpressions() {
        LabelSelector selector = LabelSelector.fromMatch(
                Map.of("tier", "web", "app", "shop"),
                List.of(
                        expr("env", "In", "prod", "canary"),
                        expr("track", "NotIn", "beta"),
                        expr("owner", "Exists"),
                        expr("legacy", "DoesNotExist")));

        assertThat(selector)
                .hasToString("app=shop,env in (canary,prod),!legacy,owner,tier=web,track notin (beta)")
                .isEqualTo(
                        LabelSelector.parse("tier=web,app=shop,env in (prod,canary),track notin (beta),owner,!legacy"));
        Map<String, String> labels = Map.of("app", "shop", "tier", "web", "env", "prod", "owner", "me");
        assertThat(selector.matches(labels)).isTrue();
        assertThat(selector.matches(Map.of("app", "shop", "tier", "web", "env", "prod")))
                .isFalse();
        assertThat(selector.matches(merge(labels, "track", "beta"))).isFalse();
        assertThat(selector.matches(merge(labels, "track", "stable"))).isTrue();
        assertThat(selector.matches(merge(labels, "legacy", ""))).isFalse();
    }

    private static Map<String, String> merge(Map<String, String> labels, String key, String value) {
        Map<String, String> merged = new HashMap<>(labels);
        merged.put(key, value);
        return merged;
    }

    @Test
    @DisplayName("NotIn selects objects without the key; In needs the key; values may be empty strings")
    void notInWithoutKey() {
        assertThat(LabelSelector.fromMatch(null, List.of(expr("x", "NotIn", "a")))
                        .matches(Map.of()))
                .isTrue();
        assertThat(LabelSelector.fromMatch(null, List.of(expr("x", "In", "a"))).matches(Map.of()))
                .isFalse();
        assertThat(LabelSelector.fromMatch(null, List.of(expr("x", "In", ""))).matches(Map.of("x", "")))
                .isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        Map.of(),
                        List.of(expr("x", "In")),
                        "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
                        null),
                Arguments.of(
                        Map.of(),
                        List.of(new SelectorRequirement("x", "NotIn", null)),
                        "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
                        null),
                Arguments.of(
                        Map.of(),
                        List.of(expr("x", "Exists", "a")),
                        "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not"
                                + " exist",
                        null),
                Arguments.of(
                        Map.of(),
                        List.of(expr("x", "DoesNotExist", "a", "b")),
                        "values: Invalid value: []string{\"a\", \"b\"}: values set must be empty for exists and does"
                                + " not exist",
                        null),
                Arguments.of(
                        Map.of(), List.of(expr("x", "in", "a")), "\"in\" is not a valid label selector operator", "in"),
                Arguments.of(
                        Map.of(), List.of(expr("x", "Gt", "1")), "\"Gt\" is not a valid label selector operator", "Gt"),
                Arguments.of(
                        Map.of(),
                        List.of(expr("x", "In", "ok", "-bad")),
                        "values[1][x]: Invalid value: \"-bad\": " + VALUE_RULE,
                        "-bad"),
                Arguments.of(
                        Map.of("app", "bad value"),
                        List.of(),
                        "values[0][app]: Invalid value: \"bad value\": " + VALUE_RULE,
                        "bad value"),
                Arguments.of(
                        Map.of(),
                        List.of(expr("a".repeat(254), "Exists")),
                        "key: Invalid value: \"" + "a".repeat(254) + "\": name part must be no more than 63 bytes",
                        "a".repeat(254)),
                Arguments.of(
                        Map.of(),
                        List.of(expr("", "NotIn")),
                        "[key: Invalid value: \"\": name part must be non-empty; name part "
                                + LabelSelectorParseTest.NAME_RULE
                                + ", values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't"
                                + " be empty]",
                        ""));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("invalid")
    @DisplayName("invalid structured selectors are rejected like NewRequirement, without a position")
    void invalidIsRejected(
            Map<String, String> matchLabels, List<SelectorRequirement> expressions, String message, String token) {
        assertThatThrownBy(() -> LabelSelector.fromMatch(matchLabels, expressions))
                .hasMessage(message)
                .asInstanceOf(type(InvalidSelectorException.class))
                .satisfies(e -> {
                    assertThat(e.position()).isEmpty();
                    assertThat(e.token()).isEqualTo(Optional.ofNullable(token));
                });
    }

    @Test
    @DisplayName("a SelectorRequirement copies its values and reads null values as none")
    void requirementIsImmutable() {
        List<String> values = new ArrayList<>(List.of("a"));
        SelectorRequirement requirement = new SelectorRequirement("k", "In", values);
        values.add("b");

        assertThat(requirement.values()).containsExactly("a");
        assertThat(new SelectorRequirement("k", "Exists", null).values()).isEmpty();
    }
}
