package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy {@code /v1/completions} API, answered through chat: the prompt becomes one user message, the chat answer
 * becomes {@code text_completion} objects and chunks. Every model and agent answers it this way, whether or not its
 * server has a completions endpoint of its own; the options only a raw completions endpoint has ({@code echo},
 * {@code suffix}, {@code logprobs}, {@code best_of}) are refused rather than ignored.
 */
public final class TextCompletions {

    /** Copied to the chat body as they are: they mean the same there. */
    private static final List<String> SAME_IN_CHAT = List.of("max_tokens", "temperature", "top_p", "n", "stop",
            "stream", "stream_options", "user", "presence_penalty", "frequency_penalty", "seed", "logit_bias");

    private TextCompletions() {
    }

    /** @return the chat body answering a completions {@code body}; a client's mistake is a 400 naming the field */
    public static Map<String, Object> chatBody(Map<String, Object> body) {
        for (String option : List.of("echo", "suffix", "logprobs")) {
            Object value = body.get(option);
            if (value != null && !Boolean.FALSE.equals(value)) {
                throw GatewayException.badRequest(option, "'" + option + "' is not supported: this gateway answers"
                        + " /v1/completions through chat models (docs/guides/api-surface.md).");
            }
        }
        if (body.get("best_of") != null && !Integer.valueOf(1).equals(body.get("best_of"))) {
            throw GatewayException.badRequest("best_of", "'best_of' is not supported: this gateway answers"
                    + " /v1/completions through chat models.");
        }
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("model", body.get("model"));
        chat.put("messages", List.of(Map.of("role", "user", "content", prompt(body.get("prompt")))));
        SAME_IN_CHAT.forEach(field -> {
            if (body.get(field) != null) {
                chat.put(field, body.get(field));
            }
        });
        RequestBodyParser.check(chat);
        return chat;
    }

    private static String prompt(Object prompt) {
        if (prompt instanceof String text) {
            return text;
        }
        if (prompt instanceof List<?> list && list.size() == 1 && list.getFirst() instanceof String text) {
            return text;
        }
        throw GatewayException.badRequest("prompt", prompt == null ? "Missing required parameter: 'prompt'."
                : "'prompt' must be a string (or an array of one string); token arrays and several prompts in one"
                        + " request are not supported.");
    }

    /** @param completion a normalised {@code chat.completion}; @return it as a {@code text_completion} */
    public static Map<String, Object> fromCompletion(Map<String, Object> completion) {
        Map<String, Object> out = envelope(completion);
        out.put("choices", choices(completion.get("choices"), "message"));
        if (completion.get("usage") != null) {
            out.put("usage", completion.get("usage"));
        }
        return out;
    }

    /** @param chunk a normalised {@code chat.completion.chunk}; @return it as a {@code text_completion} chunk */
    public static Map<String, Object> fromChunk(Map<String, Object> chunk) {
        Map<String, Object> out = envelope(chunk);
        out.put("choices", choices(chunk.get("choices"), "delta"));
        if (chunk.get("usage") != null) {
            out.put("usage", chunk.get("usage"));
        }
        return out;
    }

    private static Map<String, Object> envelope(Map<String, Object> chat) {
        Map<String, Object> out = new LinkedHashMap<>();
        String id = chat.get("id") instanceof String s ? s : "";
        out.put("id", id.startsWith("chatcmpl-") ? "cmpl-" + id.substring("chatcmpl-".length()) : id);
        out.put("object", "text_completion");
        out.put("created", chat.get("created"));
        out.put("model", chat.get("model"));
        return out;
    }

    private static List<Map<String, Object>> choices(Object chatChoices, String field) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (chatChoices instanceof List<?> list) {
            for (Object raw : list) {
                if (raw instanceof Map<?, ?> choice) {
                    Map<String, Object> text = new LinkedHashMap<>();
                    Object content = choice.get(field) instanceof Map<?, ?> m ? m.get("content") : null;
                    text.put("text", content instanceof String s ? s : "");
                    text.put("index", choice.get("index") instanceof Number n ? n : 0);
                    text.put("logprobs", null);
                    text.put("finish_reason", choice.get("finish_reason"));
                    out.add(text);
                }
            }
        }
        return out;
    }
}
