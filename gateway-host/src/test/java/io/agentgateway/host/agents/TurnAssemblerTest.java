package io.agentgateway.host.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnAssemblerTest {

    private static Map<String, Object> chunk(Map<String, Object> delta) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        return Map.of("choices", List.of(choice));
    }

    @Test
    void joinsArgumentFragmentsByIndex() {
        TurnAssembler assembler = new TurnAssembler();
        assembler.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "id", "a", "function",
                Map.of("name", "f", "arguments", "{\"x\":"))))));
        assembler.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 1, "id", "b", "function",
                Map.of("name", "g", "arguments", "{}"))))));
        assembler.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function",
                Map.of("arguments", "1}"))))));

        Turn turn = assembler.turn();

        assertEquals(List.of(new Turn.ToolCall("a", "f", "{\"x\":1}"), new Turn.ToolCall("b", "g", "{}")),
                turn.toolCalls());
    }

    @Test
    void acceptsWholeCallsWithoutIndexAndObjectArguments() {
        TurnAssembler assembler = new TurnAssembler();
        assembler.add(chunk(Map.of("tool_calls", List.of(
                Map.of("id", "a", "function", Map.of("name", "f", "arguments", Map.of("x", 1))),
                Map.of("id", "b", "function", Map.of("name", "g", "arguments", Map.of()))))));

        Turn turn = assembler.turn();

        assertEquals(2, turn.toolCalls().size());
        assertEquals("{\"x\":1}", turn.toolCalls().get(0).arguments());
        assertEquals("g", turn.toolCalls().get(1).name());
    }

    @Test
    void givesEveryCallAnIdWhenTheServerGivesNone() {
        TurnAssembler assembler = new TurnAssembler();
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", "f");
        function.put("arguments", null);
        assembler.add(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function", function)))));

        Turn.ToolCall call = assembler.turn().toolCalls().get(0);

        assertEquals("", call.arguments());
        assertEquals(true, call.id().startsWith("call_"));
    }
}
