package io.agentgateway.host.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the gateway needs to know of an upstream's answer (a completion or one streamed chunk) as it passes through
 * as JSON text: whether it is an object, an error, its usage and its finish reasons. Read in one scan of the tokens
 * that builds nothing but the small {@code usage} object.
 *
 * @param object whether the text is a JSON object
 * @param error whether it is an error report: an {@code error} field and no {@code choices}
 * @param usage the {@code usage} object, or null
 * @param finishReason the first choice's {@code finish_reason} when it is a string, or null
 * @param finished whether any choice has a {@code finish_reason}
 * @param next where more text starts after the object (an upstream that put two chunks in one event), as an offset
 *     in the UTF-8 bytes; -1 when nothing but white space follows
 */
public record AnswerFacts(boolean object, boolean error, Map<String, Object> usage, String finishReason,
        boolean finished, int next) {

    private static final AnswerFacts NOT_AN_OBJECT = new AnswerFacts(false, false, null, null, false, -1);

    /** @param json a completion or one chunk, UTF-8 */
    public static AnswerFacts of(byte[] json) {
        try (JsonParser parser = Json.MAPPER.createParser(json)) {
            return read(parser, json);
        } catch (IOException e) {
            return NOT_AN_OBJECT;
        }
    }

    /** @param json a completion or one chunk; read as UTF-8 bytes, whose parser costs far less to set up */
    public static AnswerFacts of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static AnswerFacts read(JsonParser parser, byte[] json) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return NOT_AN_OBJECT;
        }
        boolean error = false;
        boolean choices = false;
        Map<String, Object> usage = null;
        String first = null;
        boolean finished = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("choices") && value == JsonToken.START_ARRAY) {
                choices = true;
                int index = 0;
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (element != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        index++;
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken reason = parser.nextToken();
                        if (field.equals("finish_reason") && reason != JsonToken.VALUE_NULL) {
                            finished = true;
                            if (index == 0 && reason == JsonToken.VALUE_STRING) {
                                first = parser.getText();
                            }
                        }
                        parser.skipChildren();
                    }
                    index++;
                }
            } else if (name.equals("usage") && value == JsonToken.START_OBJECT) {
                usage = Json.MAPPER.readValue(parser, Map.class);
            } else {
                choices |= name.equals("choices");
                error |= name.equals("error");
                parser.skipChildren();
            }
        }
        return new AnswerFacts(true, error && !choices, usage, first, finished,
                next(json, (int) parser.currentLocation().getByteOffset()));
    }

    /** Looks past the object's closing brace without parsing on: most events end there, or in a line break. */
    private static int next(byte[] json, int end) {
        for (int i = end; i < json.length; i++) {
            byte b = json[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
        }
        return -1;
    }
}
