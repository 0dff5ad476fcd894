package dev.cloudops.kube.selector;

/** The label selector operators of apimachinery's {@code selection} package. */
enum Operator {
    IN,
    NOT_IN,
    EQUALS,
    DOUBLE_EQUALS,
    NOT_EQUALS,
    GREATER_THAN,
    LESS_THAN,
    EXISTS,
    DOES_NOT_EXIST;

    /** How the binary operators are listed in "expected" messages, as {@code selection.Operator} strings. */
    static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";
}
