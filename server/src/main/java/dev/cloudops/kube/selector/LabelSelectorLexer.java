package dev.cloudops.kube.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a label selector into tokens as apimachinery's {@code labels.Lexer} does: blanks are space, tab, CR and
 * LF; {@code = ! ( ) , > <} are operators, {@code ==} and {@code !=} the only two-character ones; any other run of
 * characters is an identifier, or the keyword {@code in} / {@code notin}.
 */
final class LabelSelectorLexer {

    enum Kind {
        END,
        OPEN_PAREN,
        CLOSE_PAREN,
        COMMA,
        NOT,
        EQUALS,
        DOUBLE_EQUALS,
        NOT_EQUALS,
        GREATER_THAN,
        LESS_THAN,
        IN,
        NOT_IN,
        IDENTIFIER
    }

    /** A token, its text as written ("" for the end) and the offset where it starts. */
    record Token(Kind kind, String literal, int position) {}

    private LabelSelectorLexer() {}

    /** All tokens of the input, always ending with one {@link Kind#END} token. */
    static List<Token> tokenize(String input) {
        List<Token> tokens = new ArrayList<>();
        int length = input.length();
        int pos = 0;
        while (true) {
            while (pos < length && isBlank(input.charAt(pos))) {
                pos++;
            }
            if (pos == length) {
                tokens.add(new Token(Kind.END, "", length));
                return tokens;
            }
            int start = pos;
            char c = input.charAt(pos);
            if (isOperatorChar(c)) {
                boolean pair = (c == '=' || c == '!') && pos + 1 < length && input.charAt(pos + 1) == '=';
                pos += pair ? 2 : 1;
                tokens.add(new Token(operatorKind(c, pair), input.substring(start, pos), start));
            } else {
                while (pos < length && !isOperatorChar(input.charAt(pos)) && !isBlank(input.charAt(pos))) {
                    pos++;
                }
                String literal = input.substring(start, pos);
                tokens.add(new Token(keywordKind(literal), literal, start));
            }
        }
    }

    private static Kind operatorKind(char c, boolean followedByEquals) {
        return switch (c) {
            case '=' -> followedByEquals ? Kind.DOUBLE_EQUALS : Kind.EQUALS;
            case '!' -> followedByEquals ? Kind.NOT_EQUALS : Kind.NOT;
            case '(' -> Kind.OPEN_PAREN;
            case ')' -> Kind.CLOSE_PAREN;
            case ',' -> Kind.COMMA;
            case '>' -> Kind.GREATER_THAN;
            default -> Kind.LESS_THAN;
        };
    }

    private static Kind keywordKind(String literal) {
        return switch (literal) {
            case "in" -> Kind.IN;
            case "notin" -> Kind.NOT_IN;
            default -> Kind.IDENTIFIER;
        };
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isOperatorChar(char c) {
        return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
}
