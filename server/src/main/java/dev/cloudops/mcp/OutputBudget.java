package dev.cloudops.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps every tool answer at the configured number of characters. A list answer keeps as many whole items as fit
 * and says how many it left out; text keeps its beginning (or, for logs, its end). Either way the answer says it was
 * cut and how to ask for less, so an agent's context window is never flooded.
 */
final class OutputBudget {

    private final int maxChars;
    private final JsonMapper json;

    OutputBudget(int maxChars, JsonMapper json) {
        this.maxChars = maxChars;
        this.json = json;
    }

    int maxChars() {
        return maxChars;
    }

    /** The text of {@code body} (already JSON-ready and masked) within the budget. */
    String render(Object body, ToolAnswer answer) {
        String whole = body instanceof String text ? text : json.writeValueAsString(body);
        if (whole.length() <= maxChars) {
            return whole;
        }
        if (answer.listField() != null
                && body instanceof Map<?, ?> map
                && map.get(answer.listField()) instanceof List<?> items) {
            return shortenList(map, answer.listField(), items, answer.narrow());
        }
        return cutText(whole, answer.narrow(), answer.tailFirst());
    }

    private String shortenList(Map<?, ?> map, String field, List<?> items, String narrow) {
        int low = 0;
        int high = items.size() - 1;
        String best = withItems(map, field, items, 0, narrow);
        while (low <= high) {
            int mid = (low + high) >>> 1;
            String candidate = withItems(map, field, items, mid, narrow);
            if (candidate.length() <= maxChars) {
                best = candidate;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return best.length() <= maxChars ? best : cutText(best, narrow, false);
    }

    private String withItems(Map<?, ?> map, String field, List<?> items, int kept, String narrow) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("shown", kept);
        note.put("total", items.size());
        note.put(
                "reason",
                "the answer was cut to the output budget of " + maxChars + " characters (about "
                        + maxChars / McpProperties.CHARS_PER_TOKEN + " tokens)");
        note.put("narrow", narrow);
        out.put("truncated", note);
        map.forEach((k, v) -> out.put(String.valueOf(k), k.equals(field) ? items.subList(0, kept) : v));
        return json.writeValueAsString(out);
    }

    private String cutText(String whole, String narrow, boolean tailFirst) {
        String note = "[truncated: showing " + (tailFirst ? "the last" : "the first") + " {kept} of " + whole.length()
                + " characters, the output budget is " + maxChars + " characters (about "
                + maxChars / McpProperties.CHARS_PER_TOKEN + " tokens); " + narrow + "]";
        int room = Math.max(0, maxChars - note.length() - 12);
        if (tailFirst) {
            String kept = whole.substring(whole.length() - room);
            int newline = kept.indexOf('\n');
            if (newline >= 0 && newline < kept.length() - 1) {
                kept = kept.substring(newline + 1);
            }
            return note.replace("{kept}", Integer.toString(kept.length())) + "\n" + kept;
        }
        String kept = whole.substring(0, room);
        return kept + "\n" + note.replace("{kept}", Integer.toString(kept.length()));
    }
}
