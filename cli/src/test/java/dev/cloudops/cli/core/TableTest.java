package dev.cloudops.cli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Table")
class TableTest {

    @Test
    @DisplayName("pads every column but the last to its widest cell, three spaces apart, without trailing blanks")
    void alignment() {
        String text = new Table("A", "LONG-HEADER", "C")
                .row("wide-cell", "x", "")
                .row("b", null, "last")
                .render();

        assertThat(text)
                .isEqualTo("A           LONG-HEADER   C\n" + "wide-cell   x\n" + "b           <none>        last\n");
    }

    @Test
    @DisplayName("replaces control characters so server data cannot drive the terminal")
    void controlCharacters() {
        Table table = new Table("NAME").row("evil\u001b[31mred\nline");

        assertThat(table.render()).isEqualTo("NAME\nevil?[31mred?line\n");
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("rejects a row whose cell count differs from the headers")
    void cellCount() {
        assertThatThrownBy(() -> new Table("A", "B").row("only-one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 2 cells but got 1");
    }
}
