package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseEventsTest {

    private final List<Map<String, Object>> events = new ArrayList<>();
    private final ResponseEvents stream = new ResponseEvents(ResponseObjects.started("resp_1", 1,
            ResponsesRequest.of(Map.of("model", "m", "input", "hi"))), (type, event) -> events.add(event));

    @Test
    void textThenToolCallsAreItemsOpenedAndClosedInTurnWithConsecutiveSequenceNumbers() {
        stream.chunk(chunk(Map.of("role", "assistant", "content", "Let me "), null));
        stream.chunk(chunk(Map.of("content", "look."), null));
        stream.chunk(chunk(Map.of("tool_calls", List.of(call(0, "call_a", "get_weather", "{\"city\":"))), null));
        stream.chunk(chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "function", Map.of("arguments",
                "\"Oslo\"}")))), null));
        stream.chunk(chunk(Map.of("tool_calls", List.of(call(1, "call_b", "get_time", "{}"))), "tool_calls"));
        stream.chunk(Map.of("choices", List.of(), "usage", Map.of("prompt_tokens", 3, "completion_tokens", 4,
                "total_tokens", 7)));
        Map<String, Object> response = stream.finish();
        stream.complete(response);

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.completed"), events.stream().map(e -> e.get("type")).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).get("sequence_number"));
        }
        assertEquals("Let me look.", events.get(6).get("text"));
        assertEquals("{\"city\":\"Oslo\"}", events.get(12).get("arguments"));
        assertEquals(2, events.get(14).get("output_index"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> output = (List<Map<String, Object>>) response.get("output");
        assertEquals(List.of("message", "function_call", "function_call"),
                output.stream().map(item -> item.get("type")).toList());
        assertEquals("call_b", output.get(2).get("call_id"));
        assertEquals(Map.of("input_tokens", 3L, "input_tokens_details", Map.of("cached_tokens", 0L),
                "output_tokens", 4L, "output_tokens_details", Map.of("reasoning_tokens", 0L),
                "total_tokens", 7L), response.get("usage"));
        assertEquals("completed", response.get("status"));
    }

    @Test
    void anAnswerCutAtItsTokenLimitIsIncomplete() {
        stream.chunk(chunk(Map.of("content", "Cut"), "length"));
        Map<String, Object> response = stream.finish();
        stream.complete(response);

        assertEquals("response.incomplete", events.getLast().get("type"));
        assertEquals(Map.of("reason", "max_output_tokens"), response.get("incomplete_details"));
    }

    @Test
    void nothingIsSentBeforeTheFirstChunkAndAFailureIsOneErrorEvent() {
        assertEquals(List.of(), events);
        stream.fail(GatewayException.badRequest(null, "bad"));
        assertEquals(List.of("error"),
                events.stream().map(e -> e.get("type")).toList());
        assertNull(events.getLast().get("param"));
    }

    private static Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new java.util.HashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return Map.of("choices", List.of(choice));
    }

    private static Map<String, Object> call(int index, String id, String name, String arguments) {
        return Map.of("index", index, "id", id, "type", "function", "function", Map.of("name", name, "arguments",
                arguments));
    }
}
