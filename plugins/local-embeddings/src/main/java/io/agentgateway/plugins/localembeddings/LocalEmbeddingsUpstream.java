package io.agentgateway.plugins.localembeddings;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One upstream serving one in-process embedding model. It embeds text and answers nothing else: a chat call is a
 * client error naming what the model is for. The model is loaded on the first embeddings request, once.
 */
final class LocalEmbeddingsUpstream implements Upstream {

    private final String upstream;
    private final Supplier<SentenceEncoder> load;
    private final ReentrantLock loading = new ReentrantLock(); // not synchronized: callers are virtual threads
    private volatile SentenceEncoder encoder;
    private final String model;

    LocalEmbeddingsUpstream(String upstream, Supplier<SentenceEncoder> load) {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.load = requireNonNull(load, "load is null");
        this.model = "all-minilm-l6-v2";
    }

    @Override
    public List<String> listModels() {
        return List.of(model);
    }

    @Override
    public Map<String, Object> embed(EmbeddingRequest request) throws UpstreamException {
        if (!model.equals(request.model())) {
            throw rejected(404, "The model '" + upstream + "/" + request.model() + "' does not exist; this upstream"
                    + " serves " + upstream + "/" + model + ".");
        }
        List<String> texts = texts(request.body().get("input"));
        SentenceEncoder encoder = encoder();
        Object dimensions = request.body().get("dimensions");
        if (dimensions != null && !Integer.valueOf(encoder.dimensions()).equals(dimensions)) {
            throw rejected(400, upstream + "/" + model + " makes vectors of " + encoder.dimensions()
                    + " dimensions; leave 'dimensions' out or set it to " + encoder.dimensions() + ".");
        }
        SentenceEncoder.Encoded encoded = encoder.encode(texts);
        List<Map<String, Object>> data = new ArrayList<>(texts.size());
        for (int i = 0; i < encoded.vectors().size(); i++) {
            float[] vector = encoded.vectors().get(i);
            List<Double> values = new ArrayList<>(vector.length);
            for (float value : vector) {
                values.add((double) value);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", "embedding");
            item.put("index", i);
            item.put("embedding", values);
            data.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("object", "list");
        answer.put("data", data);
        answer.put("model", model);
        answer.put("usage", Map.of("prompt_tokens", encoded.tokens(), "total_tokens", encoded.tokens()));
        return answer;
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        throw notChat();
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        throw notChat();
    }

    private SentenceEncoder encoder() {
        SentenceEncoder loaded = encoder;
        if (loaded != null) {
            return loaded;
        }
        loading.lock();
        try {
            if (encoder == null) {
                encoder = load.get();
            }
            return encoder;
        } finally {
            loading.unlock();
        }
    }

    /** Text only: token ids would need this model's vocabulary turned backwards. */
    private static List<String> texts(Object input) throws UpstreamException {
        if (input instanceof String text) {
            return List.of(text);
        }
        List<String> texts = new ArrayList<>();
        if (input instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof String text)) {
                    throw rejected(400, "This model takes text input: send a string or an array of strings, not"
                            + " token ids.");
                }
                texts.add(text);
            }
        }
        return texts;
    }

    private UpstreamException notChat() {
        return rejected(400, "'" + upstream + "/" + model + "' is an embedding model: use it with /v1/embeddings,"
                + " not for chat.");
    }

    private static UpstreamException rejected(int status, String message) {
        return new UpstreamException(UpstreamException.Kind.REJECTED, status, message, Map.of(), null);
    }
}
