package dev.cloudops.kube.selector;

import dev.cloudops.kube.selector.LabelSelectorLexer.Kind;
import dev.cloudops.kube.selector.LabelSelectorLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recursive-descent parser of apimachinery's {@code labels.Parse}, with its grammar, its error messages and
 * its quirks: {@code in}/{@code notin} are plain identifiers wherever a value is expected, an empty or missing
 * list entry is the empty value ({@code x in ()} is {@code x in ("")}), and {@code x=} compares with "".
 */
final class LabelSelectorParser {

    private final List<Token> tokens;
    private int position;

    private LabelSelectorParser(String input) {
        this.tokens = LabelSelectorLexer.tokenize(input);
    }

    /** The requirements of a selector string, in the order written. */
    static List<Requirement> parse(String input) {
        return new LabelSelectorParser(input).parseSelector();
    }

    private List<Requirement> parseSelector() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            Token next = peek();
            switch (valueKind(next)) {
                case IDENTIFIER, NOT -> {
                    requirements.add(parseRequirementOrExplain());
                    Token separator = next();
                    switch (valueKind(separator)) {
                        case END -> {
                            return requirements;
                        }
                        case COMMA -> {
                            Token after = peek();
                            if (valueKind(after) != Kind.IDENTIFIER && valueKind(after) != Kind.NOT) {
                                throw error(after, "found '%s', expected: identifier after ','");
                            }
                        }
                        default -> throw error(separator, "found '%s', expected: ',' or 'end of string'");
                    }
                }
                case END -> {
                    return requirements;
                }
                default -> throw error(next, "found '%s', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private Requirement parseRequirementOrExplain() {
        int start = peek().position();
        try {
            return parseRequirement();
        } catch (InvalidSelectorException e) {
            throw e.withPrefix("unable to parse requirement: ", start);
        }
    }

    private Requirement parseRequirement() {
        Operator operator = null;
        Token keyToken = next();
        if (keyToken.kind() == Kind.NOT) {
            operator = Operator.DOES_NOT_EXIST;
            keyToken = next();
        }
        if (valueKind(keyToken) != Kind.IDENTIFIER) {
            throw error(keyToken, "found '%s', expected: identifier");
        }
        String key = keyToken.literal();
        List<String> keyErrors = LabelValidation.keyErrors(key);
        if (!keyErrors.isEmpty()) {
            String message = LabelValidation.invalid("key", LabelValidation.quote(key), String.join("; ", keyErrors));
            throw new InvalidSelectorException(message, keyToken.position(), key);
        }
        Kind after = valueKind(peek());
        if (operator == null && (after == Kind.END || after == Kind.COMMA)) {
            operator = Operator.EXISTS;
        }
        // "!key" ends the requirement even when more follows; the caller then rejects what follows.
        if (operator != null) {
            return Requirement.create(key, operator, List.of());
        }
        operator = parseOperator();
        List<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? parseValueSet() : parseValue();
        return Requirement.create(key, operator, values);
    }

    private Operator parseOperator() {
        Token token = next();
        return switch (token.kind()) {
            case IN -> Operator.IN;
            case NOT_IN -> Operator.NOT_IN;
            case EQUALS -> Operator.EQUALS;
            case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
            case NOT_EQUALS -> Operator.NOT_EQUALS;
            case GREATER_THAN -> Operator.GREATER_THAN;
            case LESS_THAN -> Operator.LESS_THAN;
            default -> throw error(token, "found '%s', expected: " + Operator.BINARY_OPERATORS);
        };
    }

    /** {@code ( value, value, ... )}, where a missing value between commas or parentheses is "". */
    private List<String> parseValueSet() {
        Token open = next();
        if (open.kind() != Kind.OPEN_PAREN) {
            throw error(open, "found '%s' expected: '('");
        }
        Token first = peek();
        switch (valueKind(first)) {
            case IDENTIFIER, COMMA -> {
                return parseValueList();
            }
            case CLOSE_PAREN -> {
                next();
                return List.of("");
            }
            default -> throw error(first, "found '%s', expected: ',', ')' or identifier");
        }
    }

    /** The entries of a value set up to and including its closing parenthesis. */
    private List<String> parseValueList() {
        Set<String> values = new TreeSet<>();
        while (true) {
            Token token = next();
            switch (valueKind(token)) {
                case IDENTIFIER -> {
                    values.add(token.literal());
                    Token after = peek();
                    if (after.kind() == Kind.CLOSE_PAREN) {
                        next();
                        return new ArrayList<>(values);
                    }
                    if (after.kind() != Kind.COMMA) {
                        throw error(after, "found '%s', expected: ',' or ')'");
                    }
                }
                case COMMA -> {
                    if (values.isEmpty()) {
                        values.add(""); // "(,"
                    }
                    Kind after = peek().kind();
                    if (after == Kind.CLOSE_PAREN) {
                        next();
                        values.add(""); // ",)"
                        return new ArrayList<>(values);
                    }
                    if (after == Kind.COMMA) {
                        next();
                        values.add(""); // ",,"
                    }
                }
                default -> throw error(token, "found '%s', expected: ',', or identifier");
            }
        }
    }

    /** The one value after {@code = == != > <}; nothing before a comma or the end is "". */
    private List<String> parseValue() {
        Kind after = valueKind(peek());
        if (after == Kind.END || after == Kind.COMMA) {
            return List.of("");
        }
        Token token = next();
        if (valueKind(token) != Kind.IDENTIFIER) {
            throw error(token, "found '%s', expected: identifier");
        }
        return List.of(token.literal());
    }

    /** Where a key or value may stand, the keywords {@code in} and {@code notin} are identifiers. */
    private static Kind valueKind(Token token) {
        return token.kind() == Kind.IN || token.kind() == Kind.NOT_IN ? Kind.IDENTIFIER : token.kind();
    }

    private Token peek() {
        return tokens.get(Math.min(position, tokens.size() - 1));
    }

    private Token next() {
        Token token = peek();
        position++;
        return token;
    }

    private static InvalidSelectorException error(Token token, String format) {
        return new InvalidSelectorException(String.format(format, token.literal()), token.position(), token.literal());
    }
}
