package dev.cloudops.kube.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar catalogue, after apimachinery's TestSelectorParse and TestSetSelectorParser. */
@DisplayName("LabelSelector.parse accepts and rejects exactly what kube-apiserver does")
class LabelSelectorParseTest {

    static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and"
            + " end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
            + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric characters,"
            + " '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
            + " 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    static final String NOT_INTEGER = "for 'Gt', 'Lt' operators, the value must be an integer";

    static Stream<Arguments> validSelectors() {
        return Stream.of(
                // TestSelectorParse: the canonical form is the input without blanks
                Arguments.of("x=a,y=b,z=c", "x=a,y=b,z=c"),
                Arguments.of("", ""),
                Arguments.of("x!=a,y=b", "x!=a,y=b"),
                Arguments.of("x=", "x="),
                Arguments.of("x= ", "x="),
                Arguments.of("x=,z= ", "x=,z="),
                Arguments.of("x= ,z= ", "x=,z="),
                Arguments.of("!x", "!x"),
                Arguments.of("x>1", "x>1"),
                Arguments.of("x>1,z<5", "x>1,z<5"),
                // TestSetSelectorParser
                Arguments.of("\rx", "x"),
                Arguments.of("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
                Arguments.of(
                        "this-is-another-dns.domain.com/key-with-dash in (so,what)",
                        "this-is-another-dns.domain.com/key-with-dash in (so,what)"),
                Arguments.of(
                        "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
                        "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
                Arguments.of("foo  in\t (abc)", "foo in (abc)"),
                Arguments.of("x notin\n (abc)", "x notin (abc)"),
                Arguments.of("x  notin\t\t\t(abc,def)", "x notin (abc,def)"),
                Arguments.of("x in (abc,def)", "x in (abc,def)"),
                Arguments.of("x in (abc,)", "x in (,abc)"),
                Arguments.of("x in ()", "x in ()"),
                Arguments.of("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"),
                Arguments.of("x,y in (a)", "x,y in (a)"),
                Arguments.of("x=a", "x=a"),
                Arguments.of("x<7", "x<7"),
                Arguments.of("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"),
                Arguments.of("x notin ( )", "x notin ()"),
                Arguments.of("x notin (, a)", "x notin (,a)"),
                Arguments.of("a ", "a"),
                Arguments.of("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
                // in and notin are identifiers wherever a key or value may stand
                Arguments.of("notin=in", "notin=in"),
                Arguments.of("in in (in)", "in in (in)"),
                Arguments.of("x==a", "x==a"),
                // blanks, order, duplicates
                Arguments.of("  a  =  b  ,\t c \n", "a=b,c"),
                Arguments.of("x=a,a=x", "a=x,x=a"),
                Arguments.of("!a,b=c", "!a,b=c"),
                Arguments.of("x in (b,a,b)", "x in (a,b)"),
                Arguments.of("x in (a,,,b)", "x in (,a,b)"),
                Arguments.of("x in (,)", "x in ()"),
                Arguments.of("x=a,x!=b", "x!=b,x=a"),
                Arguments.of("x>01", "x>01"),
                Arguments.of("x<9223372036854775807", "x<9223372036854775807"),
                // prefixed keys and length limits
                Arguments.of("app.kubernetes.io/name=x", "app.kubernetes.io/name=x"),
                Arguments.of("A.b_c-9=Z.y_x-0", "A.b_c-9=Z.y_x-0"),
                Arguments.of("k=" + "v".repeat(63), "k=" + "v".repeat(63)),
                Arguments.of("n".repeat(63), "n".repeat(63)),
                Arguments.of("p".repeat(253) + "/" + "n".repeat(63), "p".repeat(253) + "/" + "n".repeat(63)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @MethodSource("validSelectors")
    @DisplayName("a valid selector parses, prints in canonical form, and reparses to an equal selector")
    void validSelectorParses(String input, String canonical) {
        LabelSelector selector = LabelSelector.parse(input);

        assertThat(selector).hasToString(canonical);
        assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
    }

    static Stream<Arguments> invalidSelectors() {
        return Stream.of(
                // TestSelectorParse and TestSetSelectorParser
                Arguments.of(
                        "x=a||y=b",
                        "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + VALUE_RULE,
                        0,
                        "a||y"),
                Arguments.of("x==a==b", "found '==', expected: ',' or 'end of string'", 4, "=="),
                Arguments.of("!x=a", "found '=', expected: ',' or 'end of string'", 2, "="),
                Arguments.of(
                        "x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": " + NOT_INTEGER, 0, "a"),
                Arguments.of("x,,y", "found ',', expected: identifier after ','", 2, ","),
                Arguments.of(",x,y", "found ',', expected: !, identifier, or 'end of string'", 0, ","),
                Arguments.of(
                        "x nott in (y)",
                        "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt",
                        2,
                        "nott"),
                Arguments.of("a in (xyz),", "found '', expected: identifier after ','", 11, ""),
                Arguments.of("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'", 10, "b"),
                Arguments.of(
                        "a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'", 10, "abc"),
                Arguments.of(
                        "a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier", 8, ""),
                Arguments.of(
                        "a (",
                        "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt",
                        2,
                        "("),
                Arguments.of("(", "found '(', expected: !, identifier, or 'end of string'", 0, "("),
                // more of the grammar
                Arguments.of("a=b (", "found '(', expected: ',' or 'end of string'", 4, "("),
                Arguments.of("x in", "unable to parse requirement: found '' expected: '('", 4, ""),
                Arguments.of("x in a", "unable to parse requirement: found 'a' expected: '('", 5, "a"),
                Arguments.of("!", "unable to parse requirement: found '', expected: identifier", 1, ""),
                Arguments.of("!!x", "unable to parse requirement: found '!', expected: identifier", 1, "!"),
                Arguments.of("x=(", "unable to parse requirement: found '(', expected: identifier", 2, "("),
                Arguments.of("x=a b", "found 'b', expected: ',' or 'end of string'", 4, "b"),
                Arguments.of(
                        "a in (x,(", "unable to parse requirement: found '(', expected: ',', or identifier", 8, "("),
                Arguments.of("a in (x,", "unable to parse requirement: found '', expected: ',', or identifier", 8, ""),
                Arguments.of("a in (x", "unable to parse requirement: found '', expected: ',' or ')'", 7, ""),
                Arguments.of(
                        "x y",
                        "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt",
                        2,
                        "y"),
                Arguments.of(
                        "x ! y",
                        "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt",
                        2,
                        "!"),
                Arguments.of("x=a,", "found '', expected: identifier after ','", 4, ""),
                Arguments.of("x=a,)", "found ')', expected: identifier after ','", 4, ")"),
                // integers for > and <
                Arguments.of(
                        "x>", "unable to parse requirement: values[0]: Invalid value: \"\": " + NOT_INTEGER, 0, ""),
                Arguments.of(
                        "x>1.5",
                        "unable to parse requirement: values[0]: Invalid value: \"1.5\": " + NOT_INTEGER,
                        0,
                        "1.5"),
                Arguments.of(
                        "x>9223372036854775808",
                        "unable to parse requirement: values[0]: Invalid value: \"9223372036854775808\": "
                                + NOT_INTEGER,
                        0,
                        "9223372036854775808"),
                Arguments.of(
                        "x>-1",
                        "unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + VALUE_RULE,
                        0,
                        "-1"),
                Arguments.of(
                        "x<a-",
                        "unable to parse requirement: [values[0]: Invalid value: \"a-\": " + NOT_INTEGER
                                + ", values[0][x]: Invalid value: \"a-\": " + VALUE_RULE + "]",
                        0,
                        "a-"),
                // invalid values
                Arguments.of(
                        "a=b,c=-d",
                        "unable to parse requirement: values[0][c]: Invalid value: \"-d\": " + VALUE_RULE,
                        4,
                        "-d"),
                Arguments.of(
                        "x in (a,b_)",
                        "unable to parse requirement: values[1][x]: Invalid value: \"b_\": " + VALUE_RULE,
                        0,
                        "b_"),
                Arguments.of(
                        "k=" + "v".repeat(64),
                        "unable to parse requirement: values[0][k]: Invalid value: \"" + "v".repeat(64)
                                + "\": must be no more than 63 bytes",
                        0,
                        "v".repeat(64)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalidSelectors")
    @DisplayName("an invalid selector is rejected with apimachinery's message, its position and its token")
    void invalidSelectorIsRejected(String input, String message, int position, String token) {
        assertThatThrownBy(() -> LabelSelector.parse(input))
                .isInstanceOf(InvalidSelectorException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message)
                .asInstanceOf(type(InvalidSelectorException.class))
                .satisfies(e -> {
                    assertThat(e.position()).hasValue(position);
                    assertThat(e.token()).hasValue(token);
                });
    }

    @Test
    @DisplayName("null, empty and blank selectors select everything")
    void nullAndBlankSelectEverything() {
        assertThat(LabelSelector.parse(null)).isSameAs(LabelSelector.everything());
        assertThat(LabelSelector.parse("")).isSameAs(LabelSelector.everything());
        assertThat(LabelSelector.parse(" \t\r\n ")).isSameAs(LabelSelector.everything());
        assertThat(LabelSelector.everything().isEmpty()).isTrue();
        assertThat(LabelSelector.everything()).hasToString("");
    }

    @Test
    @DisplayName("only space, tab, CR and LF are blanks: other white space is part of a key and makes it invalid")
    void otherWhitespaceIsNotBlank() {
        assertThatThrownBy(() -> LabelSelector.parse("\f"))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: key: Invalid value: \"\\f\": name part ");
        assertThatThrownBy(() -> LabelSelector.parse("a=b\u00a0"))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: values[0][a]: Invalid value: \"b\\u00a0\"");
    }

    @Test
    @DisplayName("a NUL character is rejected wherever it stands (apimachinery's lexer reads it as end of input)")
    void nulIsRejected() {
        assertThatThrownBy(() -> LabelSelector.parse("a=b\u0000"))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: values[0][a]: Invalid value: \"b\\x00\"");
        assertThatThrownBy(() -> LabelSelector.parse("a=b,\u0000"))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageStartingWith("unable to parse requirement: key: Invalid value: \"\\x00\"");
    }

    @Test
    @DisplayName("the order of requirements does not change the selector")
    void parsingIsDeterministic() {
        LabelSelector one = LabelSelector.parse("x=a,a=x,b in (2,1),!c");
        LabelSelector other = LabelSelector.parse("!c, b in (1,2), a=x, x=a");

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other).hasToString("a=x,b in (1,2),!c,x=a");
        assertThat(one.isEmpty()).isFalse();
    }
}
