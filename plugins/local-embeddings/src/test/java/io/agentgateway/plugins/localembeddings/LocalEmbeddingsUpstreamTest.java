package io.agentgateway.plugins.localembeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.UpstreamException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real model, run in-process from the weights inside the plugin's dependencies. */
class LocalEmbeddingsUpstreamTest {

    private static final LocalEmbeddingsUpstream UPSTREAM = new LocalEmbeddingsUpstream("local", MiniLm::new);

    @Test
    void similarSentencesGetCloserVectorsThanUnrelatedOnes() throws Exception {
        Map<String, Object> answer = UPSTREAM.embed(request(Map.of("model", "all-minilm-l6-v2", "input", List.of(
                "A cat sits on the mat.", "A kitten is sitting on a rug.", "The stock market fell sharply today."))));

        List<double[]> vectors = vectors(answer);
        assertEquals(3, vectors.size());
        for (double[] vector : vectors) {
            assertEquals(384, vector.length);
            assertEquals(1.0, Math.sqrt(dot(vector, vector)), 1e-3, "normalised");
        }
        double related = dot(vectors.get(0), vectors.get(1));
        double unrelated = dot(vectors.get(0), vectors.get(2));
        assertTrue(related > 0.5 && related > unrelated + 0.3, "cat/kitten " + related + ", cat/stocks " + unrelated);
        assertTrue(((Number) ((Map<?, ?>) answer.get("usage")).get("prompt_tokens")).longValue() >= 15,
                answer.get("usage").toString());
    }

    @Test
    void theSameTextGivesTheSameVector() throws Exception {
        double[] first = vectors(UPSTREAM.embed(request(Map.of("model", "all-minilm-l6-v2", "input", "Hello")))).get(0);
        double[] again = vectors(UPSTREAM.embed(request(Map.of("model", "all-minilm-l6-v2", "input", "Hello")))).get(0);
        assertEquals(1.0, dot(first, again), 1e-6);
    }

    @Test
    void whatTheModelCannotDoIsAClientError() {
        assertRejected(400, () -> UPSTREAM.embed(request(Map.of("model", "all-minilm-l6-v2", "input",
                List.of(List.of(1, 2, 3))))));
        assertRejected(400, () -> UPSTREAM.embed(request(Map.of("model", "all-minilm-l6-v2", "input", "x",
                "dimensions", 128))));
        assertRejected(404, () -> UPSTREAM.embed(request(Map.of("model", "other", "input", "x"))));
        assertRejected(400, () -> UPSTREAM.complete(new ChatRequest(Map.of("model", "all-minilm-l6-v2"), "r",
                Cancellation.NONE)));
        assertEquals(List.of("all-minilm-l6-v2"), UPSTREAM.listModels());
    }

    private static void assertRejected(int status, org.junit.jupiter.api.function.Executable call) {
        UpstreamException e = assertThrows(UpstreamException.class, call);
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(status, e.status(), e.getMessage());
    }

    private static EmbeddingRequest request(Map<String, Object> body) {
        return new EmbeddingRequest(body, "request-1", Cancellation.NONE, null);
    }

    private static List<double[]> vectors(Map<String, Object> answer) {
        return ((List<?>) answer.get("data")).stream().map(item -> ((List<?>) ((Map<?, ?>) item).get("embedding"))
                .stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()).toList();
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
