package dev.cloudops.cli.core;

import java.util.Locale;
import picocli.CommandLine;

/** How a command prints what the server returned. */
public enum OutputFormat {
    /** Aligned columns for people. */
    TABLE,
    /** The server's JSON, pretty-printed, unknown fields included. */
    JSON,
    /** The same document as YAML. */
    YAML;

    /** Parses {@code table}, {@code json} or {@code yaml} in any case. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "expected one of table, json, yaml but was '" + value + "'");
            }
        }
    }
}
