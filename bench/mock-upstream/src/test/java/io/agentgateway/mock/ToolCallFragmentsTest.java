package io.agentgateway.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallFragmentsTest {

    @Test
    void firstDeltaNamesTheCallAndLaterDeltasCarryOnlyArgumentFragments() {
        String arguments = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        List<Map<String, Object>> deltas = ToolCallFragments.deltas(1,
                Answer.toolCall("call_1", "get_weather", arguments));

        Map<String, Object> first = deltas.get(0);
        assertEquals(1L, first.get("index"));
        assertEquals("call_1", first.get("id"));
        assertEquals("function", first.get("type"));
        assertEquals(Map.of("name", "get_weather", "arguments", ""), first.get("function"));

        StringBuilder joined = new StringBuilder();
        for (Map<String, Object> delta : deltas.subList(1, deltas.size())) {
            assertEquals(1L, delta.get("index"));
            assertFalse(delta.containsKey("id"));
            assertFalse(delta.containsKey("type"));
            Map<?, ?> function = (Map<?, ?>) delta.get("function");
            assertEquals(List.of("arguments"), List.copyOf(function.keySet()));
            String fragment = (String) function.get("arguments");
            assertTrue(fragment.length() <= ToolCallFragments.FRAGMENT_SIZE);
            joined.append(fragment);
        }
        assertTrue(deltas.size() > 3, "arguments must really be fragmented");
        assertEquals(arguments, joined.toString());
    }

    @Test
    void emptyObjectArgumentsArriveAsOneFragment() {
        List<Map<String, Object>> deltas = ToolCallFragments.deltas(0, Answer.toolCall("c", "get_time", "{}"));
        assertEquals(2, deltas.size());
        assertEquals(Map.of("arguments", "{}"), deltas.get(1).get("function"));
    }

    @Test
    void contentIsSplitIntoExactlyTheRequestedNumberOfPieces() {
        assertEquals(List.of("ec", "ho:", " hi"), ToolCallFragments.split("echo: hi", 3));
        assertEquals(5, ToolCallFragments.split("ab", 5).size());
        assertEquals("ab", String.join("", ToolCallFragments.split("ab", 5)));
        assertEquals(List.of("whole"), ToolCallFragments.split("whole", 1));
    }

    @Test
    void scriptedToolCallsGetIdsAndStringArguments() {
        Answer answer = Answer.fromMessage(Map.of("tool_calls",
                List.of(Map.of("function", Map.of("name", "lookup", "arguments", Map.of("q", "x"))))));
        Map<?, ?> call = answer.toolCalls().get(0);
        assertTrue(call.get("id").toString().startsWith("call_"));
        assertEquals("function", call.get("type"));
        assertEquals("{\"q\":\"x\"}", ((Map<?, ?>) call.get("function")).get("arguments"));
        assertEquals("tool_calls", answer.finishReason());
    }
}
