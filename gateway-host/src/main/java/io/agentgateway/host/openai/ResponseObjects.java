package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Response objects of the Responses API, built from chat answers: output items (a message with its text, a
 * {@code function_call} per tool call), status from the finish reason, usage in the Responses API's names.
 */
public final class ResponseObjects {

    private ResponseObjects() {
    }

    /**
     * @param id the response's id
     * @param createdAt when it was asked for, in seconds
     * @param request what the client asked
     * @return the response as it stands before any output: status {@code in_progress}
     */
    public static Map<String, Object> started(String id, long createdAt, ResponsesRequest request) {
        Map<String, Object> body = request.body();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "response");
        out.put("created_at", createdAt);
        out.put("status", "in_progress");
        out.put("error", null);
        out.put("incomplete_details", null);
        out.put("instructions", body.get("instructions"));
        out.put("max_output_tokens", body.get("max_output_tokens"));
        out.put("model", request.model());
        out.put("output", List.of());
        out.put("parallel_tool_calls", body.getOrDefault("parallel_tool_calls", true));
        out.put("previous_response_id", request.previousResponseId());
        out.put("store", request.store());
        out.put("temperature", body.get("temperature"));
        out.put("text", body.getOrDefault("text", Map.of("format", Map.of("type", "text"))));
        out.put("tool_choice", body.getOrDefault("tool_choice", "auto"));
        out.put("tools", body.getOrDefault("tools", List.of()));
        out.put("top_p", body.get("top_p"));
        out.put("truncation", "disabled");
        out.put("usage", null);
        out.put("user", body.get("user"));
        out.put("metadata", body.getOrDefault("metadata", Map.of()));
        return out;
    }

    /**
     * @param started the response as {@link #started} made it
     * @param output its output items
     * @param finishReason the chat answer's finish reason
     * @param usage the chat answer's usage, or null
     * @return the finished response: {@code completed}, or {@code incomplete} when the answer was cut
     */
    public static Map<String, Object> finished(Map<String, Object> started, List<Map<String, Object>> output,
            String finishReason, Object usage) {
        Map<String, Object> out = new LinkedHashMap<>(started);
        String incomplete = switch (finishReason == null ? "stop" : finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
        out.put("status", incomplete == null ? "completed" : "incomplete");
        out.put("incomplete_details", incomplete == null ? null : Map.of("reason", incomplete));
        out.put("output", List.copyOf(output));
        out.put("usage", usage instanceof Map<?, ?> u ? usage(u) : null);
        return out;
    }

    /** @param completion a normalised {@code chat.completion}; @return the finished response it answers */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fromCompletion(Map<String, Object> started, Map<String, Object> completion) {
        Map<String, Object> choice = completion.get("choices") instanceof List<?> choices && !choices.isEmpty()
                && choices.getFirst() instanceof Map<?, ?> first ? (Map<String, Object>) first : Map.of();
        Map<String, Object> message = choice.get("message") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        List<Map<String, Object>> output = new ArrayList<>();
        if (message.get("content") instanceof String text && !text.isEmpty()) {
            output.add(messageItem(Ids.outputItemId("msg"), text, "completed"));
        }
        if (message.get("tool_calls") instanceof List<?> calls) {
            for (Object raw : calls) {
                if (raw instanceof Map<?, ?> call && call.get("function") instanceof Map<?, ?> function) {
                    output.add(functionCallItem(Ids.outputItemId("fc"), (String) call.get("id"),
                            String.valueOf(function.get("name")), String.valueOf(function.get("arguments")),
                            "completed"));
                }
            }
        }
        Map<String, Object> response = finished(started, output, (String) choice.get("finish_reason"),
                completion.get("usage"));
        if (completion.get("agent_run") != null) {
            response.put("agent_run", completion.get("agent_run")); // who answered, as in chat completions
        }
        return response;
    }

    static Map<String, Object> messageItem(String id, String text, String status) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        item.put("content", text == null ? List.of() : List.of(textPart(text)));
        return item;
    }

    static Map<String, Object> textPart(String text) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "output_text");
        part.put("text", text);
        part.put("annotations", List.of());
        part.put("logprobs", List.of());
        return part;
    }

    static Map<String, Object> functionCallItem(String id, String callId, String name, String arguments,
            String status) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("type", "function_call");
        item.put("status", status);
        item.put("call_id", callId);
        item.put("name", name);
        item.put("arguments", arguments);
        return item;
    }

    /** Chat's {@code prompt_tokens}/{@code completion_tokens} in the Responses API's names. */
    static Map<String, Object> usage(Map<?, ?> chat) {
        long input = chat.get("prompt_tokens") instanceof Number n ? n.longValue() : 0;
        long output = chat.get("completion_tokens") instanceof Number n ? n.longValue() : 0;
        long cached = chat.get("prompt_tokens_details") instanceof Map<?, ?> d
                && d.get("cached_tokens") instanceof Number n ? n.longValue() : 0;
        long reasoning = chat.get("completion_tokens_details") instanceof Map<?, ?> d
                && d.get("reasoning_tokens") instanceof Number n ? n.longValue() : 0;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input_tokens", input);
        out.put("input_tokens_details", Map.of("cached_tokens", cached));
        out.put("output_tokens", output);
        out.put("output_tokens_details", Map.of("reasoning_tokens", reasoning));
        out.put("total_tokens", chat.get("total_tokens") instanceof Number n ? n.longValue() : input + output);
        return out;
    }
}
