package io.agentgateway.host.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The host's one JSON mapper. JSON objects become insertion-ordered {@code Map<String, Object>}s. */
public final class Json {

    /**
     * Jackson's default keeps a set of parse and write buffers per thread (about 30 KB), for as long as the thread
     * lives. Every request and every open stream has its own virtual thread, so buffers are shared instead: taken
     * for one read or write and given back, with a few hundred kept for reuse.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(256)).build());
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
