package io.agentgateway.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The host's one JSON mapper. JSON objects become insertion-ordered {@code Map<String, Object>}s. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private Json() {
    }

    /** @return the JSON text of a value built from maps, lists, strings, numbers, booleans and nulls */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the UTF-8 JSON of such a value, for a response body: no intermediate string */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @return the JSON object in {@code text}
     * @throws JsonProcessingException when the text is not one JSON object
     */
    public static Map<String, Object> readObject(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, OBJECT);
    }

    /** @return the JSON object in {@code bytes} */
    public static Map<String, Object> readObject(byte[] bytes) throws java.io.IOException {
        return MAPPER.readValue(bytes, OBJECT);
    }
}
