package dev.cloudops.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OutputBudgetTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OutputBudget budget = new OutputBudget(1000, JSON);

    @Test
    @DisplayName("an answer within the budget is answered whole")
    void fits() {
        Map<String, Object> body = Map.of("items", List.of("a", "b"));
        assertThat(budget.render(body, ToolAnswer.list(body, "items", "x"))).isEqualTo("{\"items\":[\"a\",\"b\"]}");
        assertThat(budget.render("short", ToolAnswer.tail("short", "x"))).isEqualTo("short");
    }

    @Test
    @DisplayName("a long list keeps as many whole items as fit, first, and says how many and how to narrow")
    void list() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(Map.of("name", "object-" + i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "Pod");
        body.put("items", items);
        String text = budget.render(body, ToolAnswer.list(body, "items", "name a namespace"));
        assertThat(text.length()).isLessThanOrEqualTo(1000);
        JsonNode json = JSON.readTree(text);
        int shown = json.path("truncated").path("shown").asInt();
        assertThat(shown).isBetween(10, 60).isEqualTo(json.path("items").size());
        assertThat(json.path("truncated").path("total").asInt()).isEqualTo(100);
        assertThat(json.path("truncated").path("narrow").asString()).isEqualTo("name a namespace");
        assertThat(json.path("truncated").path("reason").asString()).contains("1000 characters", "250 tokens");
        assertThat(json.path("kind").asString()).isEqualTo("Pod");
        assertThat(json.path("items").get(shown - 1).path("name").asString()).isEqualTo("object-" + (shown - 1));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("items", List.of("x".repeat(1500)));
        String cut = budget.render(one, ToolAnswer.list(one, "items", "n"));
        assertThat(cut.length()).isLessThanOrEqualTo(1000);
        assertThat(JSON.readTree(cut).path("truncated").path("shown").asInt()).isZero();
    }

    @Test
    @DisplayName("long text keeps its beginning, or for logs its newest whole lines, with a note saying so")
    void text() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            log.append("line ").append(i).append('\n');
        }
        String tail = budget.render(log.toString(), ToolAnswer.tail(log.toString(), "use grep"));
        assertThat(tail.length()).isLessThanOrEqualTo(1000);
        assertThat(tail)
                .startsWith("[truncated: showing the last")
                .contains("use grep")
                .endsWith("line 199\n");
        assertThat(tail.split("\n")[1]).startsWith("line ");

        Map<String, Object> big = Map.of("text", "y".repeat(5000));
        String head = budget.render(big, ToolAnswer.of(big, "ask for fields"));
        assertThat(head.length()).isLessThanOrEqualTo(1000);
        assertThat(head).startsWith("{\"text\":\"yyy").contains("[truncated: showing the first", "ask for fields");
    }

    @Test
    @DisplayName("a token budget is four characters a token")
    void tokens() {
        var properties = new McpProperties(true, false, false, null, null, null, 40000, 500);
        assertThat(properties.budgetChars()).isEqualTo(2000);
        assertThat(new McpProperties(true, false, false, null, null, null, 3000, 0).budgetChars())
                .isEqualTo(3000);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new McpProperties(true, false, false, null, null, null, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new McpProperties(true, false, false, null, null, null, 40000, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
