package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-streaming counterpart of {@link ChunkNormalizer}: the client's model id, tool-call arguments as strings,
 * tool-call ids present, and {@code finish_reason} {@code tool_calls} when tools were called. Every other field the
 * upstream sent passes through.
 */
public final class CompletionNormalizer {

    private CompletionNormalizer() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalize(Map<String, Object> completion, String model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", completion.get("id") instanceof String id && !id.isBlank() ? id : Ids.completionId());
        out.put("object", "chat.completion");
        out.put("created", completion.get("created") instanceof Number created ? created
                : System.currentTimeMillis() / 1000);
        out.put("model", model);
        completion.forEach(out::putIfAbsent);
        if (out.get("choices") instanceof List<?> choices) {
            List<Object> fixed = new ArrayList<>(choices.size());
            for (Object choice : choices) {
                fixed.add(choice instanceof Map<?, ?> c ? choice((Map<String, Object>) c) : choice);
            }
            out.put("choices", fixed);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> choice(Map<String, Object> choice) {
        if (!(choice.get("message") instanceof Map<?, ?> m) || !(m.get("tool_calls") instanceof List<?> calls)
                || calls.isEmpty()) {
            return choice;
        }
        Map<String, Object> message = new LinkedHashMap<>((Map<String, Object>) m);
        List<Object> fixedCalls = new ArrayList<>(calls.size());
        for (Object call : calls) {
            if (!(call instanceof Map<?, ?> c)) {
                continue;
            }
            Map<String, Object> fixedCall = new LinkedHashMap<>((Map<String, Object>) c);
            if (!(fixedCall.get("id") instanceof String id) || id.isBlank()) {
                fixedCall.put("id", Ids.toolCallId());
            }
            fixedCall.put("type", "function");
            if (fixedCall.get("function") instanceof Map<?, ?> f) {
                Map<String, Object> function = new LinkedHashMap<>((Map<String, Object>) f);
                Object arguments = function.get("arguments");
                String text = arguments == null ? "" : ChunkNormalizer.argumentsText(arguments);
                function.put("arguments", text.isBlank() ? "{}" : text);
                fixedCall.put("function", function);
            }
            fixedCalls.add(fixedCall);
        }
        message.put("tool_calls", fixedCalls);
        Map<String, Object> out = new LinkedHashMap<>(choice);
        out.put("message", message);
        if ("stop".equals(out.get("finish_reason"))) {
            out.put("finish_reason", "tool_calls");
        }
        return out;
    }
}
