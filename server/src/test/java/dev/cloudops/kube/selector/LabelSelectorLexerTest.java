package dev.cloudops.kube.selector;

import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.CLOSE_PAREN;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.COMMA;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.DOUBLE_EQUALS;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.END;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.EQUALS;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.GREATER_THAN;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.IDENTIFIER;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.IN;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.LESS_THAN;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.NOT;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.NOT_EQUALS;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.NOT_IN;
import static dev.cloudops.kube.selector.LabelSelectorLexer.Kind.OPEN_PAREN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudops.kube.selector.LabelSelectorLexer.Kind;
import dev.cloudops.kube.selector.LabelSelectorLexer.Token;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** After apimachinery's TestLexer and TestLexerSequence. */
@DisplayName("The label selector lexer splits tokens as apimachinery's Lexer does")
class LabelSelectorLexerTest {

    static Stream<Arguments> singleTokens() {
        return Stream.of(
                Arguments.of("", END, ""),
                Arguments.of(",", COMMA, ","),
                Arguments.of("notin", NOT_IN, "notin"),
                Arguments.of("in", IN, "in"),
                Arguments.of("=", EQUALS, "="),
                Arguments.of("==", DOUBLE_EQUALS, "=="),
                Arguments.of(">", GREATER_THAN, ">"),
                Arguments.of("<", LESS_THAN, "<"),
                // the longest operator wins
                Arguments.of("!", NOT, "!"),
                Arguments.of("!=", NOT_EQUALS, "!="),
                Arguments.of("(", OPEN_PAREN, "("),
                Arguments.of(")", CLOSE_PAREN, ")"),
                // characters that are not operators belong to identifiers
                Arguments.of("~", IDENTIFIER, "~"),
                Arguments.of("||", IDENTIFIER, "||"),
                Arguments.of("innot", IDENTIFIER, "innot"),
                Arguments.of("IN", IDENTIFIER, "IN"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("singleTokens")
    @DisplayName("the first token of the input has the expected kind and text")
    void firstToken(String input, Kind kind, String literal) {
        Token first = LabelSelectorLexer.tokenize(input).get(0);

        assertThat(first.kind()).isEqualTo(kind);
        assertThat(first.literal()).isEqualTo(literal);
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("key in ( value )", List.of(IDENTIFIER, IN, OPEN_PAREN, IDENTIFIER, CLOSE_PAREN)),
                Arguments.of("key notin ( value )", List.of(IDENTIFIER, NOT_IN, OPEN_PAREN, IDENTIFIER, CLOSE_PAREN)),
                Arguments.of(
                        "key in ( value1, value2 )",
                        List.of(IDENTIFIER, IN, OPEN_PAREN, IDENTIFIER, COMMA, IDENTIFIER, CLOSE_PAREN)),
                Arguments.of("key", List.of(IDENTIFIER)),
                Arguments.of("!key", List.of(NOT, IDENTIFIER)),
                Arguments.of("()", List.of(OPEN_PAREN, CLOSE_PAREN)),
                Arguments.of("x in (),y", List.of(IDENTIFIER, IN, OPEN_PAREN, CLOSE_PAREN, COMMA, IDENTIFIER)),
                Arguments.of(
                        "== != (), = notin",
                        List.of(DOUBLE_EQUALS, NOT_EQUALS, OPEN_PAREN, CLOSE_PAREN, COMMA, EQUALS, NOT_IN)),
                Arguments.of("key>2", List.of(IDENTIFIER, GREATER_THAN, IDENTIFIER)),
                Arguments.of("key<1", List.of(IDENTIFIER, LESS_THAN, IDENTIFIER)),
                Arguments.of("===", List.of(DOUBLE_EQUALS, EQUALS)),
                Arguments.of("!==", List.of(NOT_EQUALS, EQUALS)),
                Arguments.of("<=>", List.of(LESS_THAN, EQUALS, GREATER_THAN)),
                Arguments.of("=!", List.of(EQUALS, NOT)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("sequences")
    @DisplayName("an input becomes the expected token sequence, then one END")
    void sequence(String input, List<Kind> kinds) {
        List<Token> tokens = LabelSelectorLexer.tokenize(input);

        assertThat(tokens).extracting(Token::kind).endsWith(END).hasSize(kinds.size() + 1);
        assertThat(tokens.subList(0, kinds.size())).extracting(Token::kind).isEqualTo(kinds);
    }

    @Test
    @DisplayName("tokens record where they start, and END stands at the input's length")
    void positions() {
        assertThat(LabelSelectorLexer.tokenize(" a\t!= b ,"))
                .extracting(Token::position)
                .containsExactly(1, 3, 6, 8, 9);
    }
}
