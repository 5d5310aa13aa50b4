package io.agentgateway.host.json;

import io.agentgateway.api.JsonCodec;
import java.io.IOException;
import java.util.Map;

/** The host's {@link Json} mapper, offered to plugins so that they need no JSON library of their own. */
public final class HostJsonCodec implements JsonCodec {

    public static final HostJsonCodec INSTANCE = new HostJsonCodec();

    /** One read of the mapper. */
    @FunctionalInterface
    private interface Read {
        Map<String, Object> object() throws IOException;
    }

    private HostJsonCodec() {
    }

    @Override
    public Map<String, Object> readObject(byte[] json) {
        return object(() -> Json.readObject(json));
    }

    @Override
    public Map<String, Object> readObject(String json) {
        return object(() -> Json.readObject(json));
    }

    @Override
    public byte[] write(Object value) {
        return Json.writeBytes(value);
    }

    private static Map<String, Object> object(Read read) {
        try {
            Map<String, Object> object = read.object();
            if (object == null) {
                throw new IllegalArgumentException("the JSON is null, not an object");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("not one JSON object: " + e.getMessage(), e);
        }
    }
}
