package dev.cloudops.resource;

import dev.cloudops.platform.error.ApiException;
import dev.cloudops.platform.yaml.SafeYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads pasted manifests: multi-document YAML or JSON (an object, an array, or a {@code kind: List}). Parsing
 * is bounded — alias expansion, nesting depth, size and document count — so a hostile manifest (an alias
 * bomb) is refused before it can exhaust memory.
 */
public final class ManifestParser {

    static final int MAX_DOCUMENTS = 500;
    static final int MAX_CHARS = 3 * 1024 * 1024;

    private ManifestParser() {}

    public static List<Map<String, Object>> parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("empty-manifest", "The manifest is empty", "body");
        }
        List<Map<String, Object>> documents = new ArrayList<>();
        int index = 0;
        try {
            for (Object doc : SafeYaml.documents(text, MAX_CHARS)) {
                if (doc != null) {
                    add(documents, doc, index);
                }
                index++;
            }
        } catch (YAMLException e) {
            throw ApiException.badRequest(
                    "invalid-yaml",
                    "Document " + (index + 1) + " is not valid YAML: " + SafeYaml.describe(e),
                    "documents[" + index + "]");
        }
        if (documents.isEmpty()) {
            throw ApiException.badRequest("empty-manifest", "The manifest has no documents", "body");
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static void add(List<Map<String, Object>> out, Object doc, int index) {
        if (doc instanceof List<?> list) {
            for (Object item : list) {
                add(out, item, index);
            }
            return;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw ApiException.unprocessable(
                    "invalid-document", "Document " + (index + 1) + " is not a mapping", "documents[" + index + "]");
        }
        if ("List".equals(map.get("kind")) && map.get("items") instanceof List<?> items) {
            add(out, items, index);
            return;
        }
        if (out.size() >= MAX_DOCUMENTS) {
            throw ApiException.badRequest(
                    "too-many-documents", "A manifest may hold at most " + MAX_DOCUMENTS + " documents", "body");
        }
        out.add((Map<String, Object>) map);
    }
}
