package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Responses API input items as chat messages: the one translation from items to messages, used for a request's
 * input and for the items a stored response carries on to the next ({@code previous_response_id}). A response's
 * output items are valid input items, so a conversation is kept as items and translated when it is sent.
 */
final class ResponsesInput {

    private ResponsesInput() {
    }

    /** @param items the conversation so far, oldest first; @param param where {@code items} came from, for errors */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(List<Map<String, Object>> items, String param) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> item = items.get(i);
            String where = param + "[" + i + "]";
            String type = item.get("type") instanceof String t ? t : "message";
            switch (type) {
                case "message" -> messages.add(message(item, where));
                case "function_call" -> addCall(messages, item, where);
                case "function_call_output" -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("role", "tool");
                    message.put("tool_call_id", text(item, "call_id", where));
                    message.put("content", outputText(item.get("output")));
                    messages.add(message);
                }
                case "reasoning" -> { } // a model's own reasoning: not something another model's chat takes
                default -> throw GatewayException.badRequest(where + ".type", "Input items of type '" + type
                        + "' are not supported by this gateway; send message, function_call and"
                        + " function_call_output items.");
            }
        }
        return messages;
    }

    private static Map<String, Object> message(Map<String, Object> item, String where) {
        Object role = item.get("role");
        if (!(role instanceof String r) || !List.of("user", "assistant", "system", "developer").contains(r)) {
            throw GatewayException.badRequest(where + ".role",
                    where + ".role must be one of 'user', 'assistant', 'system', 'developer'.");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content(item.get("content"), where + ".content"));
        return message;
    }

    /** Text parts become one string (what every chat server takes); images keep chat's array form. */
    @SuppressWarnings("unchecked")
    private static Object content(Object content, String where) {
        if (content instanceof String text) {
            return text;
        }
        if (!(content instanceof List<?> parts)) {
            throw GatewayException.badRequest(where, where + " must be a string or an array of content parts.");
        }
        List<Map<String, Object>> chatParts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean onlyText = true;
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof Map<?, ?> raw)) {
                throw GatewayException.badRequest(where + "[" + i + "]", "Content parts must be objects.");
            }
            Map<String, Object> part = (Map<String, Object>) raw;
            String type = String.valueOf(part.get("type"));
            switch (type) {
                case "input_text", "output_text", "text", "refusal" -> {
                    String partText = String.valueOf(part.getOrDefault("text", part.getOrDefault("refusal", "")));
                    text.append(partText);
                    chatParts.add(Map.of("type", "text", "text", partText));
                }
                case "input_image" -> {
                    onlyText = false;
                    Map<String, Object> image = new LinkedHashMap<>();
                    image.put("url", part.get("image_url"));
                    if (part.get("detail") != null) {
                        image.put("detail", part.get("detail"));
                    }
                    chatParts.add(Map.of("type", "image_url", "image_url", image));
                }
                default -> throw GatewayException.badRequest(where + "[" + i + "].type", "Content parts of type '"
                        + type + "' are not supported by this gateway; send input_text, output_text or input_image.");
            }
        }
        return onlyText ? text.toString() : chatParts;
    }

    /** Calls the assistant made join its last message, as chat has them: one assistant message, its tool_calls. */
    @SuppressWarnings("unchecked")
    private static void addCall(List<Map<String, Object>> messages, Map<String, Object> item, String where) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", text(item, "call_id", where));
        call.put("type", "function");
        call.put("function", Map.of("name", text(item, "name", where),
                "arguments", item.get("arguments") instanceof String a ? a : "{}"));
        Map<String, Object> last = messages.isEmpty() ? null : messages.getLast();
        if (last == null || !"assistant".equals(last.get("role"))) {
            last = new LinkedHashMap<>();
            last.put("role", "assistant");
            last.put("content", null);
            messages.add(last);
        }
        List<Object> calls = last.get("tool_calls") instanceof List<?> existing
                ? (List<Object>) existing : new ArrayList<>();
        calls.add(call);
        last.put("tool_calls", calls);
    }

    private static String text(Map<String, Object> item, String field, String where) {
        if (item.get(field) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw GatewayException.badRequest(where + "." + field, where + "." + field + " must be a non-empty string.");
    }

    /** A tool's output: a string, or content parts whose text is joined; anything else as its JSON. */
    @SuppressWarnings("unchecked")
    private static String outputText(Object output) {
        if (output instanceof String text) {
            return text;
        }
        if (output instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> p && p.get("text") instanceof String t) {
                    text.append(t);
                }
            }
            return text.toString();
        }
        return output == null ? "" : io.agentgateway.host.json.Json.write(output);
    }
}
