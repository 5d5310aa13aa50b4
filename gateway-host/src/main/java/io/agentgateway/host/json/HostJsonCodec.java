package io.agentgateway.host.json;

import io.agentgateway.api.JsonCodec;
import java.io.IOException;
import java.util.Map;

/** The host's {@link Json} mapper, offered to plugins so that they need no JSON library of their own. */
public final class HostJsonCodec implements JsonCodec {

    public static final HostJsonCodec INSTANCE = new HostJsonCodec();

    private HostJsonCodec() {
    }

    @Override
    public Map<String, Object> readObject(byte[] json) {
        try {
            Map<String, Object> object = Json.readObject(json);
            if (object == null) {
                throw new IllegalArgumentException("the JSON is null, not an object");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("not one JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> readObject(String json) {
        try {
            Map<String, Object> object = Json.readObject(json);
            if (object == null) {
                throw new IllegalArgumentException("the JSON is null, not an object");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("not one JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] write(Object value) {
        return Json.writeBytes(value);
    }
}
