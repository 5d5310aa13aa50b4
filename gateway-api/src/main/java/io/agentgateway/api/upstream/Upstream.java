package io.agentgateway.api.upstream;

import java.util.List;
import java.util.Map;

/**
 * A connection to one model server. Methods are plain blocking calls, made on virtual threads; they may be called
 * concurrently.
 */
public interface Upstream extends AutoCloseable {

    /**
     * Lists the models the server offers, as its {@code /models} endpoint names them.
     *
     * @return model names without the upstream prefix
     * @throws UpstreamException when the server cannot be asked
     */
    List<String> listModels() throws UpstreamException;

    /**
     * Sends a non-streaming chat completion.
     *
     * @param request the body and call context; {@code stream} is absent or false
     * @return the server's {@code chat.completion} object
     * @throws UpstreamException when the call fails; its status and body are mapped to the client's error
     */
    Map<String, Object> complete(ChatRequest request) throws UpstreamException;

    /**
     * Sends a streaming chat completion and hands each {@code chat.completion.chunk} to {@code sink} as it arrives.
     * Returns normally only after the server ended the stream properly ({@code data: [DONE]} or, for servers that omit
     * it, a chunk with a {@code finish_reason} followed by the end of the body). A stream that breaks off must throw
     * {@link UpstreamException.Kind#DROPPED}, never return as if complete.
     *
     * @param request the body and call context; {@code stream} is true
     * @param sink receives chunks in order; when it returns false the provider stops reading and closes the call
     * @throws UpstreamException when the call fails before or during the stream
     */
    void stream(ChatRequest request, ChunkSink sink) throws UpstreamException;

    /**
     * Computes embeddings. Upstreams that serve none keep this default, which refuses the call as a client error.
     *
     * @param request the body and call context
     * @return an OpenAI embeddings list: {@code data} with one {@code {"object": "embedding", "index", "embedding"}}
     *     per input, in input order, and {@code usage} ({@code prompt_tokens}, {@code total_tokens}). An
     *     {@code embedding} may be an array of numbers or base64 of little-endian float32 values, whatever the body's
     *     {@code encoding_format}: the gateway gives the client the format it asked for
     * @throws UpstreamException when the call fails; its status and body are mapped to the client's error
     * @since 1.1.0
     */
    default Map<String, Object> embed(EmbeddingRequest request) throws UpstreamException {
        throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "The model '" + request.model()
                + "' does not serve embeddings: choose an embedding model (GET /v1/models).", Map.of(), null);
    }

    /** Releases the connection's resources. */
    @Override
    default void close() {
    }
}
