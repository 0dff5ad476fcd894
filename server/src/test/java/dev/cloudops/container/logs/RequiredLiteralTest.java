package dev.cloudops.container.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Required literal: what a line must contain before its pattern runs")
class RequiredLiteralTest {

    private static String regex(String pattern) {
        RequiredLiteral literal = RequiredLiteral.of(pattern, true, false);
        return literal.isNone() ? "<none>" : literal.text();
    }

    @ParameterizedTest(name = "{0} requires {1}")
    @CsvSource(
            delimiter = '~',
            quoteCharacter = '`',
            value = {
                "ERROR .*(timed out|connection refused) ~ `ERROR `",
                "timeout                               ~ timeout",
                "colou?r                                ~ colo",
                "ab+c                                   ~ ab",
                "xab{0,2}c                              ~ xa",
                "abc{2,}d                               ~ abc",
                "\\d+ ms elapsed                        ~ ` ms elapsed`",
                "a\\.b\\[c                              ~ a.b[c",
                "[]a]xyz                                ~ xyz",
                "[^]a]xyz                               ~ xyz",
                "[a\\]]longer                           ~ longer",
                "\\Qa.b*\\E+z                           ~ a.b*",
                "(?:abc)def                             ~ def",
                "(x(y)z)+wxyz                           ~ wxyz",
                "^start.*end$                           ~ start",
                "\\p{Lu}upper\\p{L}                     ~ upper",
                "\\bword\\b                             ~ word",
                "größe                                  ~ größe",
                "a|b                                    ~ <none>",
                "(?i)error                              ~ <none>",
                "a{2}{3}bbbb                            ~ <none>",
                "\\x41BCD                               ~ <none>",
                "(a)\\1bcd                              ~ <none>",
                "[a[b]]cd                               ~ <none>",
                "\\b{g}x                                ~ <none>",
                ".*                                     ~ <none>",
            })
    void extractedFromRegex(String pattern, String expected) {
        assertThat(regex(pattern)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a literal query requires itself; ignoring case keeps only letters whose case variants are ASCII")
    void literalQueries() {
        assertThat(RequiredLiteral.of("a.b(c", false, false).text()).isEqualTo("a.b(c");
        // i, k and s also match İ ı, the Kelvin sign and ſ when case is ignored: they split the literal
        assertThat(RequiredLiteral.of("Connection refused", false, true).text()).isEqualTo("connect");
        assertThat(RequiredLiteral.of("KiSs", false, true).isNone()).isTrue();
        assertThat(RequiredLiteral.of("Größe", false, true).text()).isEqualTo("gr");
        assertThat(RequiredLiteral.of("größe", false, false).text()).isEqualTo("größe");
        // U+FFFD also stands for undecodable bytes, so it is never looked for
        assertThat(RequiredLiteral.of("\uFFFD", false, false).isNone()).isTrue();
    }

    @Test
    @DisplayName("found in bytes exactly, or folded to lower case, at any position including the ends")
    void foundIn() {
        byte[] line = "2026-01-01T00:00:01Z GET /api → ERROR Timeout".getBytes(StandardCharsets.UTF_8);
        assertThat(RequiredLiteral.of("ERROR", false, false).foundIn(line, 0, line.length))
                .isTrue();
        assertThat(RequiredLiteral.of("error", false, false).foundIn(line, 0, line.length))
                .isFalse();
        assertThat(RequiredLiteral.of("error", false, true).foundIn(line, 0, line.length))
                .isTrue();
        assertThat(RequiredLiteral.of("2026", false, false).foundIn(line, 0, line.length))
                .isTrue();
        assertThat(RequiredLiteral.of("Timeout", false, false).foundIn(line, 0, line.length))
                .isTrue();
        assertThat(RequiredLiteral.of("Timeout", false, false).foundIn(line, 0, line.length - 1))
                .isFalse();
        assertThat(RequiredLiteral.of("→", false, false).foundIn(line, 0, line.length))
                .isTrue();
        assertThat(RequiredLiteral.of("/API", false, true).foundIn(line, 0, line.length))
                .isTrue();
        assertThat(RequiredLiteral.of("GET", false, false).foundIn(line, 22, line.length))
                .isFalse();
        assertThat(RequiredLiteral.NONE.foundIn(line, 0, 0)).isTrue();
    }

    @Test
    @DisplayName("the byte scan finds every position of a long buffer, in the word-wise and the tail part")
    void swarPositions() {
        byte[] bytes = new byte[100];
        for (int at = 0; at < bytes.length; at++) {
            java.util.Arrays.fill(bytes, (byte) 'x');
            bytes[at] = '\n';
            assertThat(Swar.indexOf(bytes, 0, bytes.length, (byte) '\n', (byte) 0))
                    .isEqualTo(at);
            assertThat(Swar.indexOf(bytes, at + 1, bytes.length, (byte) '\n', (byte) 0))
                    .isEqualTo(-1);
            bytes[at] = 'Q';
            assertThat(Swar.indexOf(bytes, 0, bytes.length, (byte) 'q', (byte) 0x20))
                    .isEqualTo(at);
        }
        // bytes above 0x80 and a zero byte next to the one sought do not confuse the word-wise test
        byte[] tricky = {(byte) 0xff, 0, (byte) 0x81, 1, 10, 0, 0, 0, 10};
        assertThat(Swar.indexOf(tricky, 0, tricky.length, (byte) 10, (byte) 0)).isEqualTo(4);
        assertThat(Swar.indexOf(tricky, 0, tricky.length, (byte) 0x81, (byte) 0))
                .isEqualTo(2);
    }
}
