package dev.cloudops.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for the JSON schemas of tool arguments; insertion-ordered so the advertised list is stable. */
final class Schemas {

    private Schemas() {}

    /** An object schema that refuses arguments it does not name. */
    static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (required.length > 0) {
            schema.put("required", List.of(required));
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> props(Object... nameThenSchema) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            props.put((String) nameThenSchema[i], nameThenSchema[i + 1]);
        }
        return props;
    }

    static Map<String, Object> string(String description) {
        return typed("string", description);
    }

    static Map<String, Object> integer(String description, long min, long max) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        schema.put("description", description);
        schema.put("minimum", min);
        schema.put("maximum", max);
        return schema;
    }

    static Map<String, Object> bool(String description) {
        return typed("boolean", description);
    }

    /** Insertion-ordered: Map.of iterates in an order that changes from one JVM to the next. */
    private static Map<String, Object> typed(String type, String description) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        schema.put("description", description);
        return schema;
    }

    static Map<String, Object> oneOf(String description, String... values) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("description", description);
        schema.put("enum", List.of(values));
        return schema;
    }

    static Map<String, Object> strings(String description, int maxItems) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "array");
        schema.put("description", description);
        schema.put("items", Map.of("type", "string"));
        schema.put("maxItems", maxItems);
        return schema;
    }

    static Map<String, Object> cluster() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", List.of("string", "integer"));
        schema.put(
                "description",
                "Cluster id or name, as clusters_list shows them; may be left out when you can see only one cluster");
        return schema;
    }

    static Map<String, Object> namespace(String description) {
        return string(description);
    }
}
