package dev.cloudops.versions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Differences between two versions in stable form: a unified text diff of their YAML (what {@code diff -u} shows)
 * and a structural RFC 6902 JSON Patch of their content (add, remove and replace operations only, so each one
 * names a field), plus a one-line summary of what changed. Pure: the texts in, the differences out.
 */
public final class VersionDiff {

    /** Context lines around each change in the unified diff, as {@code diff -u}. */
    public static final int DEFAULT_CONTEXT = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SUMMARY_ITEMS = 3;
    private static final int SUMMARY_MAX = 1000;
    private static final int VALUE_MAX = 40;

    /**
     * One side of a diff: a label for the diff headers, and the same content as YAML and as JSON. An empty YAML
     * text and a JSON {@code null} stand for "no object" (before the first version, after a deletion).
     */
    public record Side(String label, String yaml, String json) {

        public static Side absent(String label) {
            return new Side(label, "", "null");
        }
    }

    /**
     * The differences from one side to the other.
     *
     * @param unified the unified diff, empty when the YAML texts are equal
     * @param patch the RFC 6902 operations that turn the first content into the second
     */
    public record Result(
            String unified, JsonNode patch, String summary, int linesAdded, int linesRemoved, boolean identical) {}

    private VersionDiff() {}

    public static Result compute(Side from, Side to) {
        return compute(from, to, DEFAULT_CONTEXT);
    }

    public static Result compute(Side from, Side to, int context) {
        List<String> before = lines(from.yaml());
        List<String> after = lines(to.yaml());
        Patch<String> lines = DiffUtils.diff(before, after);
        int added = 0;
        int removed = 0;
        for (AbstractDelta<String> delta : lines.getDeltas()) {
            added += delta.getTarget().size();
            removed += delta.getSource().size();
        }
        String unified = lines.getDeltas().isEmpty()
                ? ""
                : String.join(
                                "\n",
                                UnifiedDiffUtils.generateUnifiedDiff(from.label(), to.label(), before, lines, context))
                        + "\n";
        JsonNode source = JSON.readTree(from.json());
        JsonNode target = JSON.readTree(to.json());
        JsonNode patch = JsonDiff.asJson(source, target, DiffFlags.dontNormalizeOpIntoMoveAndCopy());
        boolean identical = patch.isEmpty() && lines.getDeltas().isEmpty();
        return new Result(unified, patch, summary(source, target, patch), added, removed, identical);
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    /**
     * One line naming the first few changed fields: {@code spec.replicas: 2 → 3},
     * {@code +metadata.labels.tier=web}, {@code -data.mode}; list items that have a name are named by it
     * ({@code containers[web].image}).
     */
    static String summary(JsonNode source, JsonNode target, JsonNode patch) {
        if (patch.isEmpty()) {
            return "no change";
        }
        if (source.isNull() || source.isMissingNode()) {
            return "created";
        }
        if (target.isNull() || target.isMissingNode()) {
            return "deleted";
        }
        List<String> items = new ArrayList<>();
        for (JsonNode op : patch) {
            String pointer = op.path("path").asString();
            switch (op.path("op").asString()) {
                case "replace" ->
                    items.add(readable(source, pointer) + ": " + change(source.at(pointer), op.path("value")));
                case "add" -> leaves(target, pointer, op.path("value"), "+", items);
                default -> leaves(source, pointer, source.at(pointer), "-", items);
            }
        }
        String line = String.join(", ", items.subList(0, Math.min(SUMMARY_ITEMS, items.size())));
        if (items.size() > SUMMARY_ITEMS) {
            line += " (+" + (items.size() - SUMMARY_ITEMS) + " more)";
        }
        return line.length() > SUMMARY_MAX ? line.substring(0, SUMMARY_MAX - 1) + "…" : line;
    }

    /**
     * An added or removed field, or the fields of an added or removed map one by one (a new annotation arrives as
     * a new {@code annotations} map; the annotation is what changed): {@code +path=value}, {@code -path}.
     */
    private static void leaves(JsonNode root, String pointer, JsonNode value, String sign, List<String> items) {
        boolean listItem =
                root.at(pointer.substring(0, pointer.lastIndexOf('/'))).isArray();
        if (value.isObject() && !value.isEmpty() && !listItem) {
            for (var field : value.properties()) {
                String key = field.getKey().replace("~", "~0").replace("/", "~1");
                leaves(root, pointer + "/" + key, field.getValue(), sign, items);
            }
            return;
        }
        String path = readable(root, pointer);
        items.add(sign + path + (sign.equals("+") && value.isValueNode() ? "=" + value(value) : ""));
    }

    /** A JSON pointer as a dotted path, naming list items by their {@code name} where they have one. */
    static String readable(JsonNode root, String pointer) {
        if (pointer.isEmpty()) {
            return "(whole object)";
        }
        StringBuilder out = new StringBuilder();
        JsonNode node = root;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (node != null && node.isArray() && token.chars().allMatch(Character::isDigit) && !token.isEmpty()) {
                JsonNode item = node.path(Integer.parseInt(token));
                String name = item.path("name").isString() ? item.path("name").asString() : null;
                out.append('[').append(name != null ? name : token).append(']');
                node = item;
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(token);
                node = node == null ? null : node.path(token);
            }
        }
        return out.toString();
    }

    /**
     * {@code old → new}; two long strings that start alike are shown from a little before where they differ
     * ({@code …checkout:1.4 → …checkout:1.5}), so that the change is what the line shows.
     */
    private static String change(JsonNode before, JsonNode after) {
        if (before != null && before.isString() && after.isString()) {
            String a = before.asString();
            String b = after.asString();
            if (a.length() > VALUE_MAX || b.length() > VALUE_MAX) {
                int common = 0;
                while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) {
                    common++;
                }
                int from = Math.max(0, common - 12);
                if (from > 0) {
                    return value("…" + a.substring(from)) + " → " + value("…" + b.substring(from));
                }
            }
        }
        return value(before) + " → " + value(after);
    }

    private static String value(String text) {
        return text.length() > VALUE_MAX ? text.substring(0, VALUE_MAX - 1) + "…" : text;
    }

    private static String value(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "∅";
        }
        if (value.isObject()) {
            return "{…}";
        }
        if (value.isArray()) {
            return "[…]";
        }
        return value(value.isString() ? value.asString() : value.toString());
    }

    /** The content of a version as the JSON text versions store, keys in the order given (sorted: stable form). */
    public static String json(Object content) {
        return content == null ? "null" : JSON.writeValueAsString(content);
    }

    /** Parses stored JSON content back into maps and lists. */
    @SuppressWarnings("unchecked")
    static java.util.Map<String, Object> parse(String json) {
        return JSON.readValue(json, java.util.LinkedHashMap.class);
    }

    static JsonNode emptyPatch() {
        return JsonNodeFactory.instance.arrayNode();
    }
}
