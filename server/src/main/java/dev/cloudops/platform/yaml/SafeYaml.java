package dev.cloudops.platform.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The one way the platform reads YAML (and JSON, a subset of it) that users send: plain data only, with bounded
 * alias expansion, nesting and size, so a hostile document (an alias bomb) fails fast instead of exhausting
 * memory.
 */
public final class SafeYaml {

    private SafeYaml() {}

    /**
     * Parses the documents of {@code text}, one at a time as they are iterated, into maps, lists and scalars (a
     * null per empty document). Iterating throws {@link YAMLException} on a syntax error, a duplicate key, or a
     * limit exceeded.
     */
    public static Iterable<Object> documents(String text, int maxChars) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(100);
        options.setCodePointLimit(maxChars);
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options)).loadAll(text);
    }

    /**
     * Writes plain data (maps, lists, scalars) as block-style YAML, the way {@code kubectl -o yaml} prints it.
     * Map order is kept, so a sorted map gives a stable text.
     */
    public static String dump(Object data) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        return new Yaml(options).dump(data);
    }

    /** The problem and its position, never the offending text: it may hold a credential. */
    public static String describe(YAMLException e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblem() + " at line " + (marked.getProblemMark().getLine() + 1);
        }
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf(':');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
