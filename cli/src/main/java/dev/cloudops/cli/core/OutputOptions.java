package dev.cloudops.cli.core;

import picocli.CommandLine.Option;

/** The {@code -o/--output} option, mixed into every command that prints server objects. */
public final class OutputOptions {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            description = "Output format: table, json or yaml (default: table).")
    private OutputFormat format = OutputFormat.TABLE;

    /** The chosen format. */
    public OutputFormat format() {
        return format;
    }
}
