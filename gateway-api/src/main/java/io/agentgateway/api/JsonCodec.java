package io.agentgateway.api;

import java.util.Map;

/**
 * The host's JSON reader and writer, offered so that a plugin needs no JSON library of its own. JSON values map to
 * {@code Map<String, Object>} (objects, keys in order), {@code List<Object>} (arrays), {@code String}, {@code Number}
 * ({@code Integer}, {@code Long}, {@code BigInteger} or {@code Double}), {@code Boolean} and {@code null}.
 */
public interface JsonCodec {

    /**
     * @param json one JSON object, UTF-8
     * @return the object
     * @throws IllegalArgumentException when {@code json} is not one JSON object
     */
    Map<String, Object> readObject(byte[] json);

    /**
     * @param json one JSON object
     * @return the object
     * @throws IllegalArgumentException when {@code json} is not one JSON object
     */
    Map<String, Object> readObject(String json);

    /**
     * @param value maps, lists, strings, numbers, booleans and nulls
     * @return the value as UTF-8 JSON
     * @throws IllegalArgumentException when the value holds something that is not JSON
     */
    byte[] write(Object value);
}
