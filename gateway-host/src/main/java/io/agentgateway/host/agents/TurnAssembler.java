package io.agentgateway.host.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds one {@link Turn} from streamed chunks. Tolerates the quirks of real servers: tool-call deltas without
 * {@code index} (a delta with a new {@code id} starts a new call), arguments sent as objects or null, whole calls in
 * one chunk, usage in a chunk whose {@code choices} is empty or null.
 */
final class TurnAssembler {

    private final StringBuilder content = new StringBuilder();
    private final Map<Integer, Partial> calls = new TreeMap<>();
    private String finishReason;
    private Map<String, Object> usage = Map.of();
    private int lastIndex = -1;

    private static final class Partial {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /**
     * Adds one chunk.
     *
     * @return the text this chunk adds to the answer, empty when none
     */
    @SuppressWarnings("unchecked")
    String add(Map<String, Object> chunk) {
        Map<String, Object> chunkUsage = Turn.usageOf(chunk);
        if (!chunkUsage.isEmpty()) {
            usage = chunkUsage;
        }
        Map<String, Object> choice = Turn.firstChoice(chunk.get("choices"));
        if (choice.get("finish_reason") instanceof String reason) {
            finishReason = reason;
        }
        Map<String, Object> delta = choice.get("delta") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        if (delta.get("tool_calls") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> call) {
                    addToolCall((Map<String, Object>) call);
                }
            }
        }
        Object text = delta.get("content");
        if (text instanceof String s && !s.isEmpty()) {
            content.append(s);
            return s;
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private void addToolCall(Map<String, Object> delta) {
        Object id = delta.get("id");
        int index;
        if (delta.get("index") instanceof Number n) {
            index = n.intValue();
        } else if (id != null && (lastIndex < 0 || !String.valueOf(id).equals(calls.get(lastIndex).id))) {
            index = lastIndex + 1;
        } else {
            index = Math.max(lastIndex, 0);
        }
        if (id != null && calls.containsKey(index) && calls.get(index).id != null
                && !calls.get(index).id.equals(String.valueOf(id))) {
            index = calls.size(); // a server that numbers every call 0 but gives each its own id
        }
        lastIndex = index;
        Partial partial = calls.computeIfAbsent(index, i -> new Partial());
        if (id != null && partial.id == null) {
            partial.id = String.valueOf(id);
        }
        Map<String, Object> function = delta.get("function") instanceof Map<?, ?> f
                ? (Map<String, Object>) f : Map.of();
        if (function.get("name") instanceof String name && !name.isEmpty() && partial.name == null) {
            partial.name = name;
        }
        partial.arguments.append(Turn.argumentsText(function.get("arguments")));
    }

    Turn turn() {
        List<Turn.ToolCall> out = new ArrayList<>();
        for (Partial partial : calls.values()) {
            out.add(new Turn.ToolCall(Turn.idOrNew(partial.id), String.valueOf(partial.name),
                    partial.arguments.toString()));
        }
        return new Turn(content.toString(), out, finishReason, usage);
    }
}
