package io.agentgateway.host.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One streamed chunk as JSON text, scanned once for what {@link ChunkNormalizer} may have to repair: where its
 * envelope values are, each choice's index, role and finish reason, and where its delta opens. A chunk of an unusual
 * shape (tool calls, a missing index, delta or finish reason, a key sent twice, text after the object) is
 * {@link #simple() not simple}, and is repaired as a tree instead.
 */
final class ChunkScan {

    /** One choice of the chunk. */
    record Choice(int index, boolean hasRole, int deltaOpen, boolean deltaEmpty, String finishReason) {
    }

    /** A top-level value: where it starts and ends in the text; start is -1 when absent. */
    record Span(int keyStart, int start, int end) {
        static final Span ABSENT = new Span(-1, -1, -1);

        boolean present() {
            return start >= 0;
        }
    }

    final byte[] json;
    boolean simple;
    String id;
    Object created;
    String object;
    Span idSpan = Span.ABSENT;
    Span createdSpan = Span.ABSENT;
    Span objectSpan = Span.ABSENT;
    Span modelSpan = Span.ABSENT;
    Span usageSpan = Span.ABSENT;
    boolean usageNull;
    Map<String, Object> usage;
    /** null when the chunk has no choices array (a usage-only chunk) */
    List<Choice> choices;
    /** where the value of the top-level field before {@code usage} ends, or -1 when usage is the first field */
    int beforeUsage = -1;
    /** where the top-level field after {@code usage} starts, or -1 when usage is the last */
    int afterUsage = -1;
    /** where the closing brace of the chunk is */
    int close = -1;

    private ChunkScan(byte[] json) {
        this.json = json;
    }

    static ChunkScan of(byte[] json) {
        ChunkScan scan = new ChunkScan(json);
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            scan.simple = scan.read(parser);
        } catch (IOException e) {
            scan.simple = false;
        }
        return scan;
    }

    @SuppressWarnings("unchecked")
    private boolean read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        int seen = 0; // the envelope keys met so far, as bits: only a repeated one changes what the tree would keep
        String open = null; // the top-level field whose value ends where the next token starts
        int openKey = -1;
        int openStart = -1;
        int previousEnd = -1;
        JsonToken token;
        while (true) {
            token = parser.nextToken();
            int at = offset(parser);
            if (open != null) {
                Span span = new Span(openKey, openStart, JsonSplice.valueEnd(json, at));
                previousEnd = span.end;
                switch (open) {
                    case "id" -> idSpan = span;
                    case "created" -> createdSpan = span;
                    case "object" -> objectSpan = span;
                    case "model" -> modelSpan = span;
                    case "usage" -> {
                        usageSpan = span;
                        afterUsage = token == JsonToken.FIELD_NAME ? at : -1;
                    }
                    default -> {
                    }
                }
            }
            if (token != JsonToken.FIELD_NAME) {
                close = at;
                break;
            }
            String name = parser.currentName();
            open = name;
            openKey = at;
            int bit = switch (name) {
                case "id" -> 1;
                case "created" -> 2;
                case "object" -> 4;
                case "model" -> 8;
                case "usage" -> 16;
                case "choices" -> 32;
                default -> 0;
            };
            if ((seen & bit) != 0) {
                return false; // a key sent twice: the tree keeps the last one
            }
            seen |= bit;
            JsonToken value = parser.nextToken();
            openStart = offset(parser);
            switch (name) {
                case "id" -> {
                    if (value != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
                        return false;
                    }
                    id = parser.getText();
                }
                case "created" -> {
                    if (!value.isNumeric()) {
                        return false;
                    }
                    created = parser.getNumberValue();
                }
                case "object" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    object = parser.getText();
                }
                case "usage" -> {
                    beforeUsage = previousEnd;
                    usageNull = value == JsonToken.VALUE_NULL;
                    if (value == JsonToken.START_OBJECT) {
                        usage = Json.MAPPER.readValue(parser, Map.class);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "choices" -> {
                    if (value == JsonToken.START_ARRAY) {
                        choices = new ArrayList<>(1);
                        if (!readChoices(parser)) {
                            return false;
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return token == JsonToken.END_OBJECT && parser.nextToken() == null && idSpan.present()
                && createdSpan.present() && objectSpan.present() && modelSpan.present();
    }

    private boolean readChoices(JsonParser parser) throws IOException {
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                return false;
            }
            Integer index = null;
            boolean delta = false;
            boolean hasRole = false;
            int deltaOpen = -1;
            boolean deltaEmpty = true;
            boolean finishSeen = false;
            String finishReason = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "index" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || index != null) {
                            return false;
                        }
                        index = parser.getIntValue();
                    }
                    case "delta" -> {
                        if (value != JsonToken.START_OBJECT || delta) {
                            return false;
                        }
                        delta = true;
                        deltaOpen = offset(parser);
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String key = parser.currentName();
                            JsonToken keyValue = parser.nextToken();
                            deltaEmpty = false;
                            boolean role = key.equals("role");
                            if (key.equals("tool_calls") || (role && (hasRole || keyValue != JsonToken.VALUE_STRING))) {
                                return false;
                            }
                            hasRole |= role;
                            parser.skipChildren();
                        }
                    }
                    case "finish_reason" -> {
                        if (finishSeen || (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING)) {
                            return false;
                        }
                        finishSeen = true;
                        finishReason = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (index == null || !delta || !finishSeen) {
                return false;
            }
            choices.add(new Choice(index, hasRole, deltaOpen, deltaEmpty, finishReason));
        }
        return true;
    }

    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
    }
}
