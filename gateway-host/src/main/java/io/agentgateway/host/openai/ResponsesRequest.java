package io.agentgateway.host.openai;

import static io.agentgateway.host.openai.RequestBodyParser.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked {@code POST /v1/responses} body, and the chat completions body it is answered with: instructions as the
 * first system message, the conversation's items as messages, function tools as chat tools, {@code text.format} as
 * {@code response_format}, {@code max_output_tokens} as {@code max_tokens} (the field local servers know).
 *
 * @param body the client's body
 * @param input the request's input items (a string input is one user message)
 */
public record ResponsesRequest(Map<String, Object> body, List<Map<String, Object>> input) {

    /** Responses API features a gateway over chat models cannot offer, refused rather than ignored. */
    private static final List<String> UNSUPPORTED = List.of("background", "conversation", "prompt");

    /** Reads and checks {@code body}; a client's mistake is a 400 naming the field. */
    @SuppressWarnings("unchecked")
    public static ResponsesRequest of(Map<String, Object> body) {
        Object model = body.get("model");
        if (!(model instanceof String s) || s.isBlank()) {
            throw GatewayException.badRequest("model", "You must provide a model parameter.");
        }
        for (String field : UNSUPPORTED) {
            Object value = body.get(field);
            if (value != null && !Boolean.FALSE.equals(value)) {
                throw GatewayException.badRequest(field, "'" + field + "' is not supported by this gateway.");
            }
        }
        expect(body, "instructions", String.class, "a string");
        expect(body, "previous_response_id", String.class, "a string");
        expect(body, "stream", Boolean.class, "a boolean");
        expect(body, "store", Boolean.class, "a boolean");
        expect(body, "parallel_tool_calls", Boolean.class, "a boolean");
        expect(body, "temperature", Number.class, "a number");
        expect(body, "top_p", Number.class, "a number");
        expect(body, "max_output_tokens", Integer.class, "an integer");
        expect(body, "metadata", Map.class, "an object");
        expect(body, "tools", List.class, "an array of tool objects");
        expect(body, "text", Map.class, "an object");
        Object input = body.get("input");
        List<Map<String, Object>> items = new ArrayList<>();
        if (input instanceof String text) {
            items.add(Map.of("type", "message", "role", "user", "content", text));
        } else if (input instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> item)) {
                    throw GatewayException.badRequest("input[" + i + "]", "input[" + i + "] must be an object.");
                }
                items.add((Map<String, Object>) item);
            }
        } else if (input != null) {
            throw GatewayException.badRequest("input", "'input' must be a string or an array of input items, not "
                    + describe(input) + ".");
        }
        if (items.isEmpty()) {
            throw GatewayException.badRequest("input", "Missing required parameter: 'input'.");
        }
        ResponsesInput.messages(items, "input"); // checked now, so a bad item is a 400 before anything is stored
        return new ResponsesRequest(body, List.copyOf(items));
    }

    public String model() {
        return (String) body.get("model");
    }

    public boolean stream() {
        return Boolean.TRUE.equals(body.get("stream"));
    }

    /** @return whether the response is kept for {@code GET} and {@code previous_response_id}: yes unless false */
    public boolean store() {
        return !Boolean.FALSE.equals(body.get("store"));
    }

    /** @return the response this one continues, or null */
    public String previousResponseId() {
        return (String) body.get("previous_response_id");
    }

    /**
     * @param history the items of the previous response's conversation (its input and output), or none
     * @return the chat completions body that answers this request
     */
    public Map<String, Object> chatBody(List<Map<String, Object>> history) {
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("model", model());
        List<Map<String, Object>> messages = new ArrayList<>();
        if (body.get("instructions") instanceof String instructions && !instructions.isBlank()) {
            messages.add(Map.of("role", "system", "content", instructions));
        }
        List<Map<String, Object>> conversation = new ArrayList<>(history);
        conversation.addAll(input);
        messages.addAll(ResponsesInput.messages(conversation, "input"));
        chat.put("messages", messages);
        if (body.get("tools") instanceof List<?> tools && !tools.isEmpty()) {
            chat.put("tools", ResponsesTools.chatTools(tools));
        }
        if (body.get("tool_choice") != null) {
            chat.put("tool_choice", ResponsesTools.chatToolChoice(body.get("tool_choice")));
        }
        copy("parallel_tool_calls", "parallel_tool_calls", chat);
        copy("temperature", "temperature", chat);
        copy("top_p", "top_p", chat);
        copy("max_output_tokens", "max_tokens", chat);
        copy("user", "user", chat);
        Object format = body.get("text") instanceof Map<?, ?> text ? text.get("format") : null;
        if (format != null) {
            ResponsesTools.responseFormat(format).ifPresent(f -> chat.put("response_format", f));
        }
        if (stream()) {
            chat.put("stream", true);
            chat.put("stream_options", Map.of("include_usage", true)); // the Responses stream always ends with usage
        }
        return chat;
    }

    private void copy(String from, String to, Map<String, Object> chat) {
        if (body.get(from) != null) {
            chat.put(to, body.get(from));
        }
    }

    private static void expect(Map<String, Object> body, String field, Class<?> type, String what) {
        Object value = body.get(field);
        if (value != null && !type.isInstance(value)) {
            throw GatewayException.badRequest(field, "'" + field + "' must be " + what + ", not " + describe(value)
                    + ".");
        }
    }
}
