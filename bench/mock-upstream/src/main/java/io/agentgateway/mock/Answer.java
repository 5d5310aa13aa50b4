package io.agentgateway.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One assistant answer, scripted by a test or made up by a scenario.
 *
 * @param content the text, or null when the answer only calls tools
 * @param toolCalls complete tool calls ({@code id}, {@code type}, {@code function.name}, {@code function.arguments}
 *     as a string), possibly empty
 * @param extraFields further fields of the assistant message (e.g. {@code reasoning_content}), passed on as given
 * @param finishReason the finish reason to report
 * @param delayMs how long to wait before answering, on top of the server's latency
 */
record Answer(String content, List<Map<String, Object>> toolCalls, Map<String, Object> extraFields,
              String finishReason, long delayMs) {

    private static final AtomicLong CALL_IDS = new AtomicLong();

    Answer {
        toolCalls = List.copyOf(toolCalls);
        extraFields = Map.copyOf(extraFields);
    }

    static Answer text(String content) {
        return new Answer(content, List.of(), Map.of(), "stop", 0);
    }

    static Answer toolCalls(List<Map<String, Object>> calls) {
        return new Answer(null, calls, Map.of(), "tool_calls", 0);
    }

    /**
     * Reads an OpenAI assistant message as a script gives it: {@code content} and/or {@code tool_calls}, optional
     * {@code delay_ms} and {@code finish_reason}. Tool calls get an id and {@code type} when they lack one, and object
     * arguments become JSON strings, so that tests can write them either way.
     */
    @SuppressWarnings("unchecked")
    static Answer fromMessage(Map<String, Object> message) {
        Map<String, Object> extra = new LinkedHashMap<>(message);
        Object content = extra.remove("content");
        extra.remove("role");
        Object delay = extra.remove("delay_ms");
        Object finish = extra.remove("finish_reason");
        Object calls = extra.remove("tool_calls");
        extra.values().removeIf(v -> v == null);
        List<Map<String, Object>> toolCalls = new ArrayList<>();
        if (calls instanceof List<?> list) {
            for (Object call : list) {
                toolCalls.add(completeToolCall((Map<String, Object>) call));
            }
        }
        String finishReason = finish != null ? finish.toString() : toolCalls.isEmpty() ? "stop" : "tool_calls";
        return new Answer(content == null ? null : content.toString(), toolCalls, extra, finishReason,
                delay instanceof Number n ? n.longValue() : 0);
    }

    static Map<String, Object> toolCall(String id, String name, String arguments) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", arguments);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", id);
        call.put("type", "function");
        call.put("function", function);
        return call;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> completeToolCall(Map<String, Object> call) {
        Map<String, Object> function = call.get("function") instanceof Map<?, ?> f
                ? (Map<String, Object>) f : Map.of();
        Object arguments = function.get("arguments");
        String argumentText = arguments == null ? "{}"
                : arguments instanceof String s ? s : Json.write(arguments);
        Object id = call.get("id");
        return toolCall(id == null ? "call_mock_" + CALL_IDS.incrementAndGet() : id.toString(),
                String.valueOf(function.get("name")), argumentText);
    }

    /** @return a rough token count of the answer, for usage figures */
    int completionTokens() {
        int chars = content == null ? 0 : content.length();
        for (Map<String, Object> call : toolCalls) {
            chars += ((Map<?, ?>) call.get("function")).get("arguments").toString().length();
        }
        return Math.max(1, chars / 4);
    }
}
