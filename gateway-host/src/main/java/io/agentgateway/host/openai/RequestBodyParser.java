package io.agentgateway.host.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON body of every route, bounded by {@code GATEWAY_MAX_BODY_BYTES}, so that all refuse the same malformed
 * or oversized bodies alike ({@link #readObject}, {@link #read}). A chat completions body it also checks before
 * anything is sent upstream, so that a client's mistake gets a 400 naming the field, never an upstream's confusing
 * error or a 500. Fields it does not know are left untouched.
 */
public final class RequestBodyParser {

    private final long maxBytes;

    public RequestBodyParser(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Map<String, Object> parse(InputStream in, long declaredLength) {
        return parseBody(in, declaredLength).tree();
    }

    /**
     * Reads and checks a chat body in one pass that also notes where its {@code model} value is, so that upstreams
     * can be sent the client's own bytes renamed ({@link ChatBody#forModel}).
     */
    public ChatBody parseBody(InputStream in, long declaredLength) {
        ChatBody body = readBody(in, declaredLength);
        check(body.tree());
        return body;
    }

    /**
     * Reads a JSON object, bounded by the limit, without the chat checks: for the routes that read their own fields
     * ({@code /v1/responses}, {@code /v1/completions}, {@code /v1/embeddings}). It is read as strictly as a chat
     * body, so that a body one route refuses as ambiguous is not quietly read one way by another.
     */
    public Map<String, Object> readObject(InputStream in, long declaredLength) {
        return readBody(in, declaredLength).tree();
    }

    /**
     * Reads {@code bytes} as one JSON object as strictly as every other body (a key sent twice or text after the
     * object is refused with the same 400), for a route that words its own message for a body that is no object.
     *
     * @return the object, or null when the bytes do not start as one
     * @throws IOException when they are not JSON
     */
    public static Map<String, Object> strictObject(byte[] bytes) throws IOException {
        ChatBody body = located(bytes);
        return body == null ? null : body.tree();
    }

    private ChatBody readBody(InputStream in, long declaredLength) {
        byte[] bytes = read(in, declaredLength);
        ChatBody body;
        try {
            body = located(bytes);
        } catch (JsonProcessingException e) {
            throw unparsable(e);
        } catch (IOException e) {
            throw GatewayException.badRequest(null, "The request body could not be read: " + e.getMessage());
        }
        // Not an object: object() says what it is instead.
        return body != null ? body : new ChatBody(object(bytes), bytes, -1, -1);
    }

    /**
     * Reads the top level field by field, each value as the mapper would, noting the span of {@code model}. The
     * upstream is sent these bytes, not the parsed form, so a body it could read differently from the gateway is
     * refused: a key sent twice (the gateway might route by one {@code model}, the upstream read the other) or
     * anything after the object.
     *
     * @return null when the body does not start as an object
     */
    private static ChatBody located(byte[] bytes) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            int modelStart = -1;
            int modelEnd = -1;
            boolean modelOpen = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (modelOpen) {
                    modelEnd = JsonSplice.valueEnd(bytes, (int) parser.currentTokenLocation().getByteOffset());
                    modelOpen = false;
                }
                String name = parser.currentName();
                if (tree.containsKey(name)) {
                    throw GatewayException.badRequest(name, "The request body sets '" + name + "' more than once."
                            + " Send each key once, so that the gateway and the model read the same value.");
                }
                parser.nextToken();
                if (name.equals("model")) {
                    modelStart = (int) parser.currentTokenLocation().getByteOffset();
                    modelOpen = true;
                }
                tree.put(name, Json.MAPPER.readValue(parser, Object.class));
            }
            if (token != JsonToken.END_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected end-of-input: expected"
                        + " close marker for Object");
            }
            if (modelOpen) {
                modelEnd = JsonSplice.valueEnd(bytes, (int) parser.currentTokenLocation().getByteOffset());
            }
            requireNothingAfter(bytes, (int) parser.currentLocation().getByteOffset());
            return new ChatBody(tree, bytes, modelStart, modelEnd);
        }
    }

    private static void requireNothingAfter(byte[] bytes, int end) {
        for (int i = end; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                throw GatewayException.badRequest(null, "The request body holds more than one JSON value. Send one"
                        + " JSON object, with nothing after its closing '}'.");
            }
        }
    }

    private static Map<String, Object> object(byte[] bytes) {
        Object parsed;
        try {
            parsed = Json.MAPPER.readValue(bytes, Object.class);
        } catch (JsonProcessingException e) {
            throw unparsable(e);
        } catch (IOException e) {
            throw GatewayException.badRequest(null, "The request body could not be read: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw GatewayException.badRequest(null, "The request body must be a JSON object, not "
                    + describe(parsed) + ".");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) parsed;
        return body;
    }

    private static GatewayException unparsable(JsonProcessingException e) {
        return GatewayException.badRequest(null, "We could not parse the JSON body of your request: "
                + firstLine(e.getOriginalMessage()) + ". Send a JSON object such as {\"model\": \"...\","
                + " \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}.");
    }

    /**
     * Reads a whole body, but never more than the limit, so that no route lets a client make the gateway hold an
     * endless POST: a larger one is a 413 naming {@code GATEWAY_MAX_BODY_BYTES}, whether its length was declared or
     * it was sent in chunks. For a route that reads the bytes its own way (then {@link #strictObject}).
     *
     * @param declaredLength the {@code Content-Length}, or -1 when the body is chunked
     */
    public byte[] read(InputStream in, long declaredLength) {
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        // A declared length (checked against the limit above) sizes the buffer exactly; without one, readNBytes
        // reads in 16 KB chunks, far more than a typical body of a few hundred bytes.
        int limit = (int) (declaredLength >= 0 ? declaredLength : Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        try (in) {
            byte[] bytes = in.readNBytes(limit);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw GatewayException.badRequest(null, "The request body could not be read: " + e.getMessage());
        }
    }

    private GatewayException tooLarge() {
        return new GatewayException(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than " + maxBytes + " bytes, the gateway's limit"
                        + " (GATEWAY_MAX_BODY_BYTES).");
    }

    /** The chat checks, for a body another route translated to chat: a client's mistake is a 400 naming the field. */
    public static void check(Map<String, Object> body) {
        Object model = body.get("model");
        if (!(model instanceof String s) || s.isBlank()) {
            throw GatewayException.badRequest("model", model == null
                    ? "You must provide a model parameter."
                    : "'model' must be a non-empty string, not " + describe(model) + ".");
        }
        Object messages = body.get("messages");
        if (!(messages instanceof List<?> list) || list.isEmpty()) {
            throw GatewayException.badRequest("messages", messages == null
                    ? "Missing required parameter: 'messages'."
                    : "'messages' must be a non-empty array of message objects, not " + describe(messages) + ".");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> message)) {
                throw GatewayException.badRequest("messages[" + i + "]",
                        "messages[" + i + "] must be an object with 'role' and 'content'.");
            }
            if (!(message.get("role") instanceof String)) {
                throw GatewayException.badRequest("messages[" + i + "].role",
                        "messages[" + i + "].role must be one of 'system', 'developer', 'user', 'assistant', 'tool'.");
            }
        }
        expect(body, "stream", Boolean.class, "a boolean");
        expect(body, "temperature", Number.class, "a number");
        expect(body, "top_p", Number.class, "a number");
        expectInteger(body, "n");
        expectInteger(body, "max_tokens");
        expectInteger(body, "max_completion_tokens");
        expect(body, "tools", List.class, "an array of tool objects");
        Object stop = body.get("stop");
        if (stop != null && !(stop instanceof String) && !(stop instanceof List<?>)) {
            throw GatewayException.badRequest("stop", "'stop' must be a string or an array of strings.");
        }
        Object options = body.get("stream_options");
        if (options != null) {
            if (!(options instanceof Map<?, ?> map)) {
                throw GatewayException.badRequest("stream_options", "'stream_options' must be an object.");
            }
            if (!Boolean.TRUE.equals(body.get("stream"))) {
                throw GatewayException.badRequest("stream_options",
                        "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
            }
            Object includeUsage = map.get("include_usage");
            if (includeUsage != null && !(includeUsage instanceof Boolean)) {
                throw GatewayException.badRequest("stream_options.include_usage",
                        "'stream_options.include_usage' must be a boolean.");
            }
        }
        Object n = body.get("n");
        if (n instanceof Integer number && number < 1) {
            throw GatewayException.badRequest("n", "'n' must be at least 1.");
        }
    }

    private static void expect(Map<String, Object> body, String field, Class<?> type, String what) {
        Object value = body.get(field);
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw GatewayException.badRequest(field, "'" + field + "' must be a finite number.");
        }
        if (value != null && !type.isInstance(value)) {
            throw GatewayException.badRequest(field, "'" + field + "' must be " + what + ", not " + describe(value)
                    + ".");
        }
    }

    private static void expectInteger(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null || value instanceof Integer) {
            return;
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            throw GatewayException.badRequest(field, "'" + field + "' is too large; it must fit a 32-bit integer.");
        }
        throw GatewayException.badRequest(field, "'" + field + "' must be an integer, not " + describe(value) + ".");
    }

    /** @return a value's kind as error messages name it: {@code the string "..."}, {@code an object}, ... */
    public static String describe(Object value) {
        if (value instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value instanceof Boolean ? "a boolean" : value instanceof Number ? "the number " + value : "null";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
