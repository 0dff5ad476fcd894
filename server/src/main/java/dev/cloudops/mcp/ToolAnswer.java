package dev.cloudops.mcp;

/**
 * What a tool answers, before masking and the output budget.
 *
 * @param body a JSON-ready value (maps, lists, records, strings, numbers)
 * @param listField the name of the list in {@code body} (a map) that may be shortened to fit the budget; null when
 *     the body is cut as text
 * @param narrow how to ask for less when the answer had to be cut, e.g. "name a namespace or a labelSelector"
 * @param tailFirst for text: keep the end rather than the beginning (logs: the newest lines matter most)
 */
public record ToolAnswer(Object body, String listField, String narrow, boolean tailFirst) {

    /** A map answer whose {@code listField} list may be shortened to fit. */
    public static ToolAnswer list(Object body, String listField, String narrow) {
        return new ToolAnswer(body, listField, narrow, false);
    }

    /** A value answered whole, or cut as text. */
    public static ToolAnswer of(Object body, String narrow) {
        return new ToolAnswer(body, null, narrow, false);
    }

    /** Text whose last part is kept when it is too long (a log). */
    public static ToolAnswer tail(String text, String narrow) {
        return new ToolAnswer(text, null, narrow, true);
    }
}
