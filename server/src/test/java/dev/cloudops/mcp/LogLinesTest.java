package dev.cloudops.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    private static LogLines write(LogLines lines, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        lines.write(bytes, 0, bytes.length);
        lines.close();
        return lines;
    }

    @Test
    @DisplayName("keeps the newest matching lines within the line count, and counts what it read and dropped")
    void grepAndTail() {
        var lines = write(new LogLines(Pattern.compile("err"), 2, 1000), "err 1\nok\nerr 2\nerr ü 3\nlast err");
        assertThat(lines.text()).isEqualTo("err 2\nerr ü 3\nlast err\n".substring(6));
        assertThat(lines.linesRead()).isEqualTo(5);
        assertThat(lines.linesMatched()).isEqualTo(4);
        assertThat(lines.linesDropped()).isEqualTo(2);
    }

    @Test
    @DisplayName("memory is bounded by characters too, and an overlong line is cut")
    void bounded() {
        var lines = write(new LogLines(null, 1000, 30), "aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc\ndddddddddd\n");
        assertThat(lines.text()).isEqualTo("bbbbbbbbbb\ncccccccccc\ndddddddddd\n".substring(11));
        var longLine = write(new LogLines(null, 10, 1_000_000), "x".repeat(LogLines.MAX_LINE_BYTES + 100) + "\n");
        assertThat(longLine.text()).hasSize(LogLines.MAX_LINE_BYTES + 1);
        assertThat(write(new LogLines(null, 10, 100), "").text()).isEmpty();
    }
}
