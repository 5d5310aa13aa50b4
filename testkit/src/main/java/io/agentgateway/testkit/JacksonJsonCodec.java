package io.agentgateway.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentgateway.api.JsonCodec;
import java.io.IOException;
import java.util.Map;

/** JSON read and written as the gateway's codec does: Jackson's defaults, objects as ordered maps. */
final class JacksonJsonCodec implements JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    @Override
    public Map<String, Object> readObject(byte[] json) {
        try {
            return object(MAPPER.readValue(json, OBJECT));
        } catch (IOException e) {
            throw new IllegalArgumentException("not one JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> readObject(String json) {
        try {
            return object(MAPPER.readValue(json, OBJECT));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not one JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> object(Map<String, Object> value) {
        if (value == null) {
            throw new IllegalArgumentException("the JSON is null, not an object");
        }
        return value;
    }
}
