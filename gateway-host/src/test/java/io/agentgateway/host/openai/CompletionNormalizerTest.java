package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A non-streaming answer as clients get it, whatever shape the upstream gave its tool calls. */
class CompletionNormalizerTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> message(Map<String, Object> completion) {
        return (Map<String, Object>) ((Map<String, Object>) ((List<?>) completion.get("choices")).get(0)).get("message");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(Map<String, Object> completion, int index) {
        return (Map<String, Object>) ((List<?>) message(completion).get("tool_calls")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> function(Map<String, Object> call) {
        return (Map<String, Object>) call.get("function");
    }

    @Test
    void toolCallsAreRepairedIdsTypeStringArgumentsAndTheFinishReason() {
        Map<String, Object> upstream = Map.of(
                "id", "cmpl-up", "created", 1700000000, "model", "upstream-name", "usage", Map.of("total_tokens", 9),
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of(
                        "role", "assistant",
                        "tool_calls", List.of(
                                // Ollama style: arguments as an object, no id, no type
                                Map.of("function", Map.of("name", "get_weather", "arguments", Map.of("city", "Oslo"))),
                                // blank id, no arguments at all
                                Map.of("id", " ", "function", Map.of("name", "now")),
                                // already right: kept as sent
                                Map.of("id", "call_kept", "type", "function",
                                        "function", Map.of("name", "echo", "arguments", "{\"x\":1}")),
                                "not a call")))));

        Map<String, Object> out = CompletionNormalizer.normalize(upstream, "my-model");

        assertEquals("my-model", out.get("model"), "the client's model id, not the upstream's");
        assertEquals("cmpl-up", out.get("id"));
        assertEquals(1700000000, out.get("created"));
        assertEquals("chat.completion", out.get("object"));
        assertEquals(Map.of("total_tokens", 9), out.get("usage"), "other fields pass through");
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) out.get("choices")).get(0);
        assertEquals("tool_calls", choice.get("finish_reason"));
        assertEquals(3, ((List<?>) message(out).get("tool_calls")).size(), "what is not a call is dropped");

        Map<String, Object> weather = call(out, 0);
        assertTrue(((String) weather.get("id")).startsWith("call_"), weather.toString());
        assertEquals("function", weather.get("type"));
        assertEquals("{\"city\":\"Oslo\"}", function(weather).get("arguments"));
        assertEquals("get_weather", function(weather).get("name"));

        Map<String, Object> now = call(out, 1);
        assertTrue(((String) now.get("id")).startsWith("call_"), now.toString());
        assertEquals("{}", function(now).get("arguments"), "missing arguments become an empty object");

        assertEquals("call_kept", call(out, 2).get("id"));
        assertEquals("{\"x\":1}", function(call(out, 2)).get("arguments"));
    }

    @Test
    void blankArgumentsBecomeAnEmptyObjectAndAnotherFinishReasonIsKept() {
        Map<String, Object> upstream = Map.of("choices", List.of(Map.of("finish_reason", "length", "message",
                Map.of("role", "assistant", "tool_calls", List.of(
                        Map.of("id", "call_1", "function", Map.of("name", "f", "arguments", "  ")))))));

        Map<String, Object> out = CompletionNormalizer.normalize(upstream, "m");

        assertEquals("{}", function(call(out, 0)).get("arguments"));
        assertEquals("length", ((Map<?, ?>) ((List<?>) out.get("choices")).get(0)).get("finish_reason"));
        assertTrue(((String) out.get("id")).startsWith("chatcmpl-"), "an id when the upstream gave none");
        assertTrue(out.get("created") instanceof Number);
    }

    @Test
    void anAnswerWithoutToolCallsIsLeftAsItIs() {
        Map<String, Object> choice = Map.of("index", 0, "finish_reason", "stop",
                "message", Map.of("role", "assistant", "content", "hi", "tool_calls", List.of()));
        Map<String, Object> out = CompletionNormalizer.normalize(Map.of("id", " ", "choices", List.of(choice)), "m");
        assertSame(choice, ((List<?>) out.get("choices")).get(0));
        assertTrue(((String) out.get("id")).startsWith("chatcmpl-"), "a blank id is replaced");
    }
}
