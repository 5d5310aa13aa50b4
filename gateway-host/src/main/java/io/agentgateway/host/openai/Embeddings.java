package io.agentgateway.host.openai;

import static io.agentgateway.host.openai.RequestBodyParser.describe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/embeddings} on the wire: the body's checks, and the answer in the shape and {@code encoding_format} the
 * client asked for, whatever the upstream sent (numbers or base64 of little-endian float32, as OpenAI encodes it).
 */
public final class Embeddings {

    /** OpenAI's own limit on inputs in one request. */
    static final int MAX_INPUTS = 2048;

    private Embeddings() {
    }

    /** Checks {@code body}; a client's mistake is a 400 naming the field. */
    public static void check(Map<String, Object> body) {
        if (!(body.get("model") instanceof String model) || model.isBlank()) {
            throw GatewayException.badRequest("model", "You must provide a model parameter.");
        }
        Object input = body.get("input");
        if (input == null) {
            throw GatewayException.badRequest("input", "Missing required parameter: 'input'.");
        }
        if (input instanceof List<?> list) {
            if (list.isEmpty() || list.size() > MAX_INPUTS) {
                throw GatewayException.badRequest("input", "'input' must hold 1 to " + MAX_INPUTS + " items.");
            }
            boolean tokens = list.stream().allMatch(Number.class::isInstance);
            boolean texts = list.stream().allMatch(item -> item instanceof String s && !s.isEmpty()
                    || item instanceof List<?> ids && !ids.isEmpty() && ids.stream().allMatch(Number.class::isInstance));
            if (!tokens && !texts) {
                throw GatewayException.badRequest("input", "'input' must be a string, an array of non-empty strings,"
                        + " an array of token ids or an array of token id arrays.");
            }
        } else if (!(input instanceof String text) || text.isEmpty()) {
            throw GatewayException.badRequest("input", "'input' must be a non-empty string or an array, not "
                    + describe(input) + ".");
        }
        Object format = body.get("encoding_format");
        if (format != null && !"float".equals(format) && !"base64".equals(format)) {
            throw GatewayException.badRequest("encoding_format", "'encoding_format' must be 'float' or 'base64'.");
        }
        Object dimensions = body.get("dimensions");
        if (dimensions != null && !(dimensions instanceof Integer d && d > 0)) {
            throw GatewayException.badRequest("dimensions", "'dimensions' must be a positive integer.");
        }
    }

    /** @return the texts of a checked body, for estimating its tokens: token-id inputs count one character each */
    public static String text(Map<String, Object> body) {
        Object input = body.get("input");
        if (input instanceof String text) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (Object item : (List<?>) input) {
            out.append(item instanceof String s ? s : "x".repeat(item instanceof List<?> ids ? ids.size() : 1));
        }
        return out.toString();
    }

    /**
     * @param answer what the upstream returned
     * @param model the model id the client asked for
     * @param base64 whether the client asked for {@code encoding_format: base64}
     * @return an OpenAI embeddings list, each embedding in the asked format
     */
    public static Map<String, Object> normalize(Map<String, Object> answer, String model, boolean base64) {
        List<Map<String, Object>> data = new ArrayList<>();
        if (answer.get("data") instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?> item) {
                    Map<String, Object> embedding = new LinkedHashMap<>();
                    embedding.put("object", "embedding");
                    embedding.put("index", item.get("index") instanceof Number n ? n.intValue() : i);
                    embedding.put("embedding", base64 ? toBase64(item.get("embedding"))
                            : toFloats(item.get("embedding")));
                    data.add(embedding);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "list");
        out.put("data", data);
        out.put("model", model);
        Map<?, ?> usage = answer.get("usage") instanceof Map<?, ?> u ? u : Map.of();
        long prompt = usage.get("prompt_tokens") instanceof Number n ? n.longValue() : 0;
        out.put("usage", Map.of("prompt_tokens", prompt,
                "total_tokens", usage.get("total_tokens") instanceof Number n ? n.longValue() : prompt));
        return out;
    }

    private static List<Double> toFloats(Object embedding) {
        if (embedding instanceof String encoded) {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
            List<Double> values = new ArrayList<>(bytes.remaining() / 4);
            while (bytes.remaining() >= 4) {
                values.add((double) bytes.getFloat());
            }
            return values;
        }
        List<Double> values = new ArrayList<>();
        if (embedding instanceof List<?> numbers) {
            numbers.forEach(n -> values.add(n instanceof Number number ? number.doubleValue() : 0.0));
        }
        return values;
    }

    private static String toBase64(Object embedding) {
        if (embedding instanceof String encoded) {
            return encoded;
        }
        List<Double> values = toFloats(embedding);
        ByteBuffer bytes = ByteBuffer.allocate(values.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(value -> bytes.putFloat(value.floatValue()));
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
