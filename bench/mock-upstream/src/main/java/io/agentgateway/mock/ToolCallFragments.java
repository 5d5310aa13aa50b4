package io.agentgateway.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a complete tool call into streamed deltas the way OpenAI sends them: the first delta of an index carries
 * {@code id}, {@code type}, {@code function.name} and empty arguments; the following ones carry only the index and a
 * fragment of {@code function.arguments}.
 */
final class ToolCallFragments {

    /** Argument characters per delta: small, so that clients must really join fragments. */
    static final int FRAGMENT_SIZE = 6;

    private ToolCallFragments() {
    }

    /**
     * @param index the tool call's position in the message
     * @param call the complete call, with {@code function.arguments} as a string
     * @return the {@code tool_calls} entries of successive deltas, in order
     */
    static List<Map<String, Object>> deltas(int index, Map<String, Object> call) {
        Map<?, ?> function = (Map<?, ?>) call.get("function");
        String arguments = String.valueOf(function.get("arguments"));
        List<Map<String, Object>> deltas = new ArrayList<>();

        Map<String, Object> firstFunction = new LinkedHashMap<>();
        firstFunction.put("name", function.get("name"));
        firstFunction.put("arguments", "");
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("index", (long) index);
        first.put("id", call.get("id"));
        first.put("type", "function");
        first.put("function", firstFunction);
        deltas.add(first);

        for (int start = 0; start < arguments.length(); start += FRAGMENT_SIZE) {
            String fragment = arguments.substring(start, Math.min(arguments.length(), start + FRAGMENT_SIZE));
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put("index", (long) index);
            delta.put("function", Map.of("arguments", fragment));
            deltas.add(delta);
        }
        return deltas;
    }

    /**
     * Cuts {@code content} into exactly {@code pieces} consecutive parts of near-equal length (some empty when the
     * text is shorter than the count), so that a benchmark controls the number of chunks.
     */
    static List<String> split(String content, int pieces) {
        List<String> parts = new ArrayList<>(pieces);
        int length = content.length();
        for (int i = 0; i < pieces; i++) {
            parts.add(content.substring((int) ((long) i * length / pieces), (int) ((long) (i + 1) * length / pieces)));
        }
        return parts;
    }
}
