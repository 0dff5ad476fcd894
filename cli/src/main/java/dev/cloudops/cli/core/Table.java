package dev.cloudops.cli.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain-text columns in the style of {@code kubectl get}: upper-case headers, columns padded to their widest
 * cell and three spaces apart, no trailing blanks. Control characters from server data are replaced so a
 * cluster name cannot move the cursor or recolour the terminal.
 */
public final class Table {

    private static final String GAP = "   ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headers. */
    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /**
     * Appends a row; {@code null} cells print as {@code <none>}.
     *
     * @throws IllegalArgumentException when the row does not have one cell per header
     */
    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells but got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(Table::clean).toList());
        return this;
    }

    /** The number of rows added so far. */
    public int size() {
        return rows.size();
    }

    /** The table as lines, each ending with a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (List<String> line : allLines()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : allLines()) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                row.append(cell);
                if (i < widths.length - 1) {
                    row.append(" ".repeat(widths[i] - cell.length())).append(GAP);
                }
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>(rows.size() + 1);
        lines.add(headers);
        lines.addAll(rows);
        return lines;
    }

    private static String clean(String cell) {
        if (cell == null) {
            return "<none>";
        }
        StringBuilder clean = new StringBuilder(cell.length());
        cell.codePoints().forEach(cp -> clean.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return clean.toString();
    }
}
