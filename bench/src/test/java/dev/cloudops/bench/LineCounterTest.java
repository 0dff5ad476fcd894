package dev.cloudops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineCounterTest {

    private static LineCounter feed(String prefix, String text, int piece) {
        LineCounter counter = new LineCounter(prefix);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += piece) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece));
            counter.accept(part, part.length);
        }
        return counter;
    }

    @Test
    void countsLinesStartingWithThePrefixWhateverThePieces() {
        String text = "{\"type\":\"match\",\"number\":1}\n{\"type\":\"matc\n{\"type\":\"match\"}\n"
                + "{\"type\":\"summary\",\"matches\":2}\n";
        for (int piece = 1; piece <= text.length(); piece++) {
            LineCounter c = feed("{\"type\":\"match\"", text, piece);
            assertThat(c.matching()).as("piece %d", piece).isEqualTo(2);
            assertThat(c.lastLine()).isEqualTo("{\"type\":\"summary\",\"matches\":2}");
            assertThat(c.bytes()).isEqualTo(text.length());
        }
    }

    @Test
    void anEmptyPrefixCountsEveryLineIncludingAnUnterminatedLastOne() {
        LineCounter c = feed("", "a\n\nb\nlast", 3);
        assertThat(c.matching()).isEqualTo(4);
        assertThat(c.lastLine()).isEqualTo("last");
        assertThat(feed("", "", 1).matching()).isZero();
    }

    @Test
    void keepsOnlyTheStartOfAVeryLongLastLine() {
        LineCounter c = feed("x", "x" + "y".repeat(10_000) + "\n", 1000);
        assertThat(c.matching()).isEqualTo(1);
        assertThat(c.lastLine()).hasSize(LineCounter.MAX_LAST);
    }
}
