package dev.cloudops.cli.container;

import dev.cloudops.cli.core.Ages;
import dev.cloudops.cli.core.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Exec history entries as the columns ID KIND USER OUTCOME EXIT STARTED DURATION COMMAND. */
final class HistoryTable {

    /** Longer command lines are cut in the table (json and yaml show them whole). */
    static final int MAX_COMMAND = 80;

    private HistoryTable() {}

    static Table of(List<OperationView> entries, Clock clock) {
        Table table = new Table("ID", "KIND", "USER", "OUTCOME", "EXIT", "STARTED", "DURATION", "COMMAND");
        for (OperationView entry : entries) {
            table.row(
                    entry.id() == null ? null : String.valueOf(entry.id()),
                    entry.kind(),
                    entry.username(),
                    entry.outcome(),
                    entry.exitCode() == null ? null : String.valueOf(entry.exitCode()),
                    Ages.since(entry.startedAt(), clock),
                    entry.durationMs() == null ? null : duration(entry.durationMs()),
                    shorten(entry.command()));
        }
        return table;
    }

    /** {@code 84ms}, {@code 2.5s}, then the ages' units ({@code 3m}, {@code 2h}). */
    static String duration(long millis) {
        if (millis < 1000) {
            return Math.max(0, millis) + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return Ages.format(Duration.ofMillis(millis));
    }

    private static String shorten(String command) {
        if (command == null || command.length() <= MAX_COMMAND) {
            return command;
        }
        return command.substring(0, MAX_COMMAND - 3) + "...";
    }
}
