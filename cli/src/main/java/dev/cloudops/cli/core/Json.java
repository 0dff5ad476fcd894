package dev.cloudops.cli.core;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The JSON and YAML mappers of the CLI; both ignore fields they do not know, as newer servers add some. */
public final class Json {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            // plain scalars like kubectl's YAML, but strings that look like numbers stay strings
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private Json() {}

    /**
     * Parses JSON text into a tree.
     *
     * @throws tools.jackson.core.JacksonException when the text is not JSON
     */
    public static JsonNode readTree(String text) {
        return JSON.readTree(text);
    }

    /**
     * Parses JSON text into {@code type}, ignoring unknown fields.
     *
     * @throws tools.jackson.core.JacksonException when the text is not JSON or does not fit {@code type}
     */
    public static <T> T read(String text, Class<T> type) {
        return JSON.readValue(text, type);
    }

    /**
     * Binds a tree to {@code type}, ignoring unknown fields.
     *
     * @throws tools.jackson.core.JacksonException when the tree does not fit {@code type}
     */
    public static <T> T convert(JsonNode node, Class<T> type) {
        return JSON.treeToValue(node, type);
    }

    /** A value as a tree. */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A value as compact JSON text. */
    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A tree as pretty-printed JSON, without a trailing newline. */
    public static String pretty(JsonNode node) {
        ObjectWriter writer = JSON.writerWithDefaultPrettyPrinter();
        return writer.writeValueAsString(node);
    }

    /** A tree as a YAML document (no {@code ---} marker), ending with a newline. */
    public static String yaml(JsonNode node) {
        return YAML.writeValueAsString(node);
    }
}
