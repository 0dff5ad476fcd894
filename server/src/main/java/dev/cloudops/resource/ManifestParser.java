package dev.cloudops.resource;

import dev.cloudops.platform.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads pasted manifests: multi-document YAML or JSON (an object, an array, or a {@code kind: List}). Parsing
 * is bounded — alias expansion, nesting depth, size and document count — so a hostile manifest (an alias
 * bomb) is refused before it can exhaust memory.
 */
final class ManifestParser {

    static final int MAX_DOCUMENTS = 500;
    static final int MAX_CHARS = 3 * 1024 * 1024;

    private ManifestParser() {}

    static List<Map<String, Object>> parse(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("empty-manifest", "The manifest is empty", "body");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> documents = new ArrayList<>();
        int index = 0;
        try {
            for (Object doc : yaml.loadAll(text)) {
                if (doc != null) {
                    add(documents, doc, index);
                }
                index++;
            }
        } catch (YAMLException e) {
            throw ApiException.badRequest(
                    "invalid-yaml",
                    "Document " + (index + 1) + " is not valid YAML: " + describe(e),
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

    private static String describe(YAMLException e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblem() + " at line " + (marked.getProblemMark().getLine() + 1);
        }
        return String.valueOf(e.getMessage());
    }
}
