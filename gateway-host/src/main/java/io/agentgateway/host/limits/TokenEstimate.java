package io.agentgateway.host.limits;

import java.util.List;
import java.util.Map;

/**
 * A chat request's tokens guessed before it runs, to reserve against a tokens-per-minute limit: a quarter of the
 * characters of its messages (the usual rule of thumb for English with OpenAI's tokenizers) plus 4 a message, and
 * the completion the request allows ({@code max_completion_tokens} or {@code max_tokens}), or
 * {@link #DEFAULT_COMPLETION} when it names none. The real usage replaces the guess when the request ends.
 */
final class TokenEstimate {

    /** Completion tokens reserved for a request that does not bound its answer. */
    static final long DEFAULT_COMPLETION = 512;

    private TokenEstimate() {
    }

    static long of(Map<String, Object> body) {
        long characters = 0;
        long messages = 0;
        if (body.get("messages") instanceof List<?> list) {
            for (Object message : list) {
                messages++;
                if (message instanceof Map<?, ?> map) {
                    characters += characters(map.get("content"));
                }
            }
        }
        return characters / 4 + 4 * messages + completion(body);
    }

    private static long completion(Map<String, Object> body) {
        Object asked = body.containsKey("max_completion_tokens") ? body.get("max_completion_tokens")
                : body.get("max_tokens");
        return asked instanceof Number n && n.longValue() > 0 ? n.longValue() : DEFAULT_COMPLETION;
    }

    /** Text content, or the text parts of a content array. */
    private static long characters(Object content) {
        if (content instanceof String text) {
            return text.length();
        }
        long total = 0;
        if (content instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && map.get("text") instanceof String text) {
                    total += text.length();
                }
            }
        }
        return total;
    }
}
