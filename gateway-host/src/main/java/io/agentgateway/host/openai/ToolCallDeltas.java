package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool calls of one streamed choice. Gives every call its own index even when the upstream sends none or reuses
 * 0 (Ollama), an id when it sends none (vLLM), and {@code "{}"} as arguments for a call that ended without any.
 */
final class ToolCallDeltas {

    private final List<Call> calls = new ArrayList<>();
    private final Map<Integer, Call> byUpstreamIndex = new HashMap<>();

    boolean any() {
        return !calls.isEmpty();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> normalize(Map<String, Object> delta) {
        Map<String, Object> function = delta.get("function") instanceof Map<?, ?> f
                ? (Map<String, Object>) f : Map.of();
        String name = function.get("name") instanceof String s && !s.isBlank() ? s : null;
        String id = delta.get("id") instanceof String s && !s.isBlank() ? s : null;
        Integer upstreamIndex = delta.get("index") instanceof Number n ? n.intValue() : null;
        Object rawArguments = function.get("arguments");
        String arguments = rawArguments == null ? "" : ChunkNormalizer.argumentsText(rawArguments);

        Call call = upstreamIndex == null ? last() : byUpstreamIndex.get(upstreamIndex);
        if (call == null || startsAnotherCall(call, name, id)) {
            call = new Call(calls.size(), id == null ? Ids.toolCallId() : id);
            calls.add(call);
            if (upstreamIndex != null) {
                byUpstreamIndex.put(upstreamIndex, call);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", call.index);
        Map<String, Object> outFunction = new LinkedHashMap<>();
        if (!call.announced) {
            out.put("id", call.id);
            out.put("type", "function");
            outFunction.put("name", name == null ? "" : name);
            call.announced = true;
            call.named = name != null;
        } else if (!call.named && name != null) {
            outFunction.put("name", name); // the name came after the id: still its first appearance
            call.named = true;
        }
        outFunction.put("arguments", arguments);
        out.put("function", outFunction);
        call.argumentsLength += arguments.length();
        return out;
    }

    /** @return deltas giving {@code "{}"} to each call that received no arguments at all */
    List<Map<String, Object>> closeEmptyArguments() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Call call : calls) {
            if (call.argumentsLength == 0) {
                call.argumentsLength = 2;
                out.add(Map.of("index", call.index, "function", Map.of("arguments", "{}")));
            }
        }
        return out;
    }

    private Call last() {
        return calls.isEmpty() ? null : calls.get(calls.size() - 1);
    }

    /**
     * A delta names a new call when it brings a name while the current call already has one, and either carries a
     * different id or the current call already received arguments (servers that send whole calls, one per chunk).
     */
    private static boolean startsAnotherCall(Call current, String name, String id) {
        if (id != null && !id.equals(current.id) && current.announced) {
            return true;
        }
        return name != null && current.named && id == null && current.argumentsLength > 0;
    }

    private static final class Call {
        final int index;
        final String id;
        boolean announced;
        boolean named;
        int argumentsLength;

        Call(int index, String id) {
            this.index = index;
            this.id = id;
        }
    }
}
