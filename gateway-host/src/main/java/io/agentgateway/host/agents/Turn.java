package io.agentgateway.host.agents;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model said in one call: text, tool calls, why it stopped, and what it cost.
 *
 * @param content the text, empty when none
 * @param toolCalls the tool calls, in index order
 * @param finishReason as the upstream reported it, or null
 * @param usage the upstream's usage object, or empty
 */
record Turn(String content, List<ToolCall> toolCalls, String finishReason, Map<String, Object> usage) {

    /** One tool call; {@code arguments} is the JSON text the model wrote. */
    record ToolCall(String id, String name, String arguments) {
    }

    /** Reads a non-streamed {@code chat.completion}. */
    @SuppressWarnings("unchecked")
    static Turn fromCompletion(Map<String, Object> completion) {
        Map<String, Object> choice = firstChoice(completion.get("choices"));
        Map<String, Object> message = choice.get("message") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        List<ToolCall> calls = new ArrayList<>();
        if (message.get("tool_calls") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> call) {
                    Map<String, Object> function = call.get("function") instanceof Map<?, ?> f
                            ? (Map<String, Object>) f : Map.of();
                    calls.add(new ToolCall(idOrNew(call.get("id")), String.valueOf(function.get("name")),
                            argumentsText(function.get("arguments"))));
                }
            }
        }
        Object content = message.get("content");
        return new Turn(content == null ? "" : String.valueOf(content), calls,
                (String) choice.get("finish_reason"), usageOf(completion));
    }

    /** @return the assistant message that records this turn in the conversation */
    Map<String, Object> assistantMessage() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content.isEmpty() && !toolCalls.isEmpty() ? null : content);
        if (!toolCalls.isEmpty()) {
            List<Object> calls = new ArrayList<>();
            for (ToolCall call : toolCalls) {
                calls.add(Map.of("id", call.id(), "type", "function",
                        "function", Map.of("name", call.name(), "arguments", call.arguments())));
            }
            message.put("tool_calls", calls);
        }
        return message;
    }

    static String idOrNew(Object id) {
        return id == null || String.valueOf(id).isBlank()
                ? Ids.toolCallId() : String.valueOf(id);
    }

    /** Arguments arrive as a string, as an object (Ollama) or as null (vLLM, parameterless tools). */
    static String argumentsText(Object arguments) {
        if (arguments == null) {
            return "";
        }
        return arguments instanceof String s ? s : Json.write(arguments);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> usageOf(Map<String, Object> body) {
        return body.get("usage") instanceof Map<?, ?> u ? (Map<String, Object>) u : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstChoice(Object choices) {
        if (choices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            return (Map<String, Object>) first;
        }
        return Map.of();
    }
}
