package io.agentgateway.host.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream quirks in, OpenAI chunks out (docs/protocol.md, "Responses and streams" and "Upstream quirks absorbed"). */
class ChunkNormalizerTest {

    private final List<Map<String, Object>> out = new ArrayList<>();

    @Test
    void vllmDeltasWithoutIdsAndWithNullArgumentsBecomeOneWellFormedCall() {
        ChunkNormalizer normalizer = new ChunkNormalizer(out::add, "vllm/qwen", false);
        normalizer.accept(chunk(0, toolDelta(0, null, "get_time", null), null));
        normalizer.accept(chunk(0, toolDelta(0, null, null, null), null));
        normalizer.accept(chunk(0, Map.of(), "tool_calls"));
        Map<String, Object> usageOnly = new HashMap<>();
        usageOnly.put("id", "x");
        usageOnly.put("choices", null);
        usageOnly.put("usage", Map.of("total_tokens", 9));
        normalizer.accept(usageOnly);
        normalizer.finish();

        Map<String, Object> first = call(out.get(0));
        assertTrue(((String) first.get("id")).startsWith("call_"), "an id is generated");
        assertEquals("function", first.get("type"));
        assertEquals("get_time", ((Map<?, ?>) first.get("function")).get("name"));
        Map<String, Object> second = call(out.get(1));
        assertFalse(second.containsKey("id"), "id only in the first delta of an index");
        assertFalse(((Map<?, ?>) second.get("function")).containsKey("name"));
        assertEquals("", ((Map<?, ?>) second.get("function")).get("arguments"), "null arguments become a string");
        Map<String, Object> emptyArguments = call(out.get(2));
        assertEquals("{}", ((Map<?, ?>) emptyArguments.get("function")).get("arguments"),
                "a parameterless call ends with {} arguments");
        assertEquals("tool_calls", choice(out.get(3)).get("finish_reason"));
        assertEquals(4, out.size(), "usage is not shown unless asked");
    }

    @Test
    void fragmentedParallelCallsKeepTheirIndices() {
        ChunkNormalizer normalizer = new ChunkNormalizer(out::add, "m", false);
        normalizer.accept(chunk(0, toolDelta(0, "call_a", "a", ""), null));
        normalizer.accept(chunk(0, toolDelta(1, "call_b", "b", ""), null));
        normalizer.accept(chunk(0, toolDelta(0, null, null, "{\"x\":"), null));
        normalizer.accept(chunk(0, toolDelta(1, null, null, "{}"), null));
        normalizer.accept(chunk(0, toolDelta(0, null, null, "1}"), null));
        normalizer.accept(chunk(0, Map.of(), "stop"));
        normalizer.finish();
        assertEquals(List.of(0, 1, 0, 1, 0), out.subList(0, 5).stream().map(c -> call(c).get("index")).toList());
        assertEquals("call_a", call(out.get(0)).get("id"));
        assertEquals("call_b", call(out.get(1)).get("id"));
        assertEquals("tool_calls", choice(out.get(5)).get("finish_reason"), "stop after tool calls is corrected");
    }

    @Test
    void everyChoiceOfNGreaterThanOneGetsRoleAndItsOwnFinishReason() {
        ChunkNormalizer normalizer = new ChunkNormalizer(out::add, "m", true);
        normalizer.accept(chunk(0, Map.of("content", "a"), null));
        normalizer.accept(chunk(1, Map.of("content", "b"), null));
        normalizer.accept(chunk(0, Map.of(), "stop"));
        // the upstream never finishes choice 1 and sends no usage
        normalizer.finish();
        assertEquals("assistant", delta(out.get(0)).get("role"));
        assertEquals("assistant", delta(out.get(1)).get("role"));
        Map<String, Object> last = out.get(out.size() - 1);
        assertEquals(1, choice(last).get("index"));
        assertEquals("stop", choice(last).get("finish_reason"));
        for (Map<String, Object> chunk : out) {
            assertTrue(chunk.containsKey("usage"));
            assertNull(chunk.get("usage"));
        }
    }

    @Test
    void anEmptyUpstreamStreamStillEndsAsAValidCompletion() {
        ChunkNormalizer normalizer = new ChunkNormalizer(out::add, "m", false);
        normalizer.finish();
        assertEquals(2, out.size());
        assertEquals("assistant", delta(out.get(0)).get("role"));
        assertEquals("stop", choice(out.get(1)).get("finish_reason"));
        assertEquals(out.get(0).get("id"), out.get(1).get("id"));
    }

    @Test
    void aClientThatLeftStopsTheStream() {
        List<Map<String, Object>> accepted = new ArrayList<>();
        ChunkNormalizer normalizer = new ChunkNormalizer(chunk -> accepted.add(chunk) && accepted.size() < 2, "m",
                false);
        assertTrue(normalizer.accept(chunk(0, Map.of("content", "a"), null)));
        assertFalse(normalizer.accept(chunk(0, Map.of("content", "b"), null)));
    }

    private static Map<String, Object> toolDelta(int index, String id, String name, String arguments) {
        Map<String, Object> function = new LinkedHashMap<>();
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("index", index);
        if (id != null) {
            call.put("id", id);
        }
        call.put("function", function);
        return Map.of("tool_calls", List.of(call));
    }

    private static Map<String, Object> chunk(int index, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", index);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return Map.of("id", "up-1", "created", 5, "choices", List.of(choice));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> choice(Map<String, Object> chunk) {
        return (Map<String, Object>) ((List<?>) chunk.get("choices")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> delta(Map<String, Object> chunk) {
        return (Map<String, Object>) choice(chunk).get("delta");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> call(Map<String, Object> chunk) {
        return (Map<String, Object>) ((List<?>) delta(chunk).get("tool_calls")).get(0);
    }
}
