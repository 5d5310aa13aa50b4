package io.agentgateway.host.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The non-streaming counterpart of {@link ChunkNormalizer}: the client's model id, tool-call arguments as strings,
 * tool-call ids present, and {@code finish_reason} {@code tool_calls} when tools were called. Every other field the
 * upstream sent passes through.
 */
public final class CompletionNormalizer {

    private CompletionNormalizer() {
    }

    /**
     * The same for an upstream's answer passed through as JSON (already checked to be one object).
     *
     * @return the client's answer, UTF-8 JSON
     */
    public static byte[] normalizeJson(byte[] completion, String model) {
        byte[] inPlace = repairedInPlace(completion, model);
        if (inPlace != null) {
            return inPlace;
        }
        try {
            return Json.writeBytes(normalize(Json.readObject(completion), model));
        } catch (IOException e) {
            throw new GatewayException(502, "api_error", "upstream_protocol", null,
                    "The upstream's answer is not a JSON object.");
        }
    }

    /**
     * The usual answer (an id, {@code created}, {@code object}, no tool calls) needs only its {@code model} set, and
     * perhaps its {@code object}: those values are replaced in the upstream's bytes, one scan of the tokens, no tree.
     *
     * @return the repaired answer, or null when it needs more than that (then it is repaired as a tree)
     */
    private static byte[] repairedInPlace(byte[] json, String model) {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonSplice splice = new JsonSplice();
            Set<String> seen = new HashSet<>();
            int openStart = -1; // a top-level value being replaced: it ends where the next token starts
            byte[] openWith = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (openWith != null) {
                    splice.replace(openStart, JsonSplice.valueEnd(json, offset(parser)), openWith);
                    openWith = null;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!seen.add(name) && ENVELOPE.contains(name)) {
                    return null; // a key sent twice: the tree keeps the last one
                }
                switch (name) {
                    case "id" -> {
                        if (value != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
                            return null;
                        }
                    }
                    case "created" -> {
                        if (!value.isNumeric()) {
                            return null;
                        }
                    }
                    case "object" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        if (!parser.getText().equals("chat.completion")) {
                            openStart = offset(parser);
                            openWith = CHAT_COMPLETION;
                        }
                    }
                    case "model" -> {
                        openStart = offset(parser);
                        openWith = Json.writeBytes(model);
                        parser.skipChildren();
                    }
                    case "choices" -> {
                        if (value == JsonToken.START_ARRAY && callsTools(parser)) {
                            return null;
                        }
                        parser.skipChildren();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || !seen.containsAll(ENVELOPE)) {
                return null;
            }
            if (openWith != null) {
                splice.replace(openStart, JsonSplice.valueEnd(json, offset(parser)), openWith);
            }
            return splice.apply(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads a {@code choices} array to its end. @return whether a choice's message has tool calls */
    private static boolean callsTools(JsonParser parser) throws IOException {
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && field.equals("message")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        if (parser.nextToken() == JsonToken.START_ARRAY && key.equals("tool_calls")
                                && parser.nextToken() != JsonToken.END_ARRAY) {
                            return true;
                        }
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return false;
    }

    static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    private static final Set<String> ENVELOPE = Set.of("id", "object", "created", "model");
    private static final byte[] CHAT_COMPLETION = Json.writeBytes("chat.completion");

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
