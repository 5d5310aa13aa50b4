package io.agentgateway.plugins.localembeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, Apache 2.0): 384 dimensions, mean-pooled and normalised, texts longer than
 * the model's window split and averaged. langchain4j's in-process encoder runs it on ONNX Runtime from the model file
 * inside its jar; loading it takes about a second and some 100 MB, so it is created on the first request.
 */
final class MiniLm implements SentenceEncoder {

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    @Override
    public String name() {
        return "all-minilm-l6-v2";
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public Encoded encode(List<String> texts) {
        Response<List<Embedding>> response = model.embedAll(texts.stream().map(TextSegment::from).toList());
        List<float[]> vectors = new ArrayList<>(texts.size());
        response.content().forEach(embedding -> vectors.add(embedding.vector()));
        Integer tokens = response.tokenUsage() == null ? null : response.tokenUsage().inputTokenCount();
        return new Encoded(vectors, tokens == null ? 0 : tokens);
    }
}
