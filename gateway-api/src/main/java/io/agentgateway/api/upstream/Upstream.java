package io.agentgateway.api.upstream;

import io.agentgateway.api.JsonCodec;
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
     * Sends a non-streaming chat completion whose body the host has already written, and returns the server's answer
     * as it sent it. The host reads the client's body once (to route and check it) and sends its own bytes on, with
     * only the {@code model} changed; it checks the answer and repairs only what needs repair, in one pass, on its
     * way to the client. A provider that passes bytes through therefore parses and writes no JSON at all.
     *
     * <p>The default calls {@link #complete(ChatRequest)} with the parsed body and writes its answer with
     * {@code json}, so upstreams that build their answers as maps need not override it.
     *
     * @param request the call context; its {@code body} is the parsed form of {@code body}, for reading only
     * @param body the request body to send, UTF-8 JSON, {@code model} already the upstream's own name
     * @param json the host's codec, for the default
     * @return the server's {@code chat.completion} object, UTF-8 JSON, as the server sent it (the host rejects an
     *     answer that is not one JSON object, and reports an {@code {"error": ...}} object as the upstream's error)
     * @throws UpstreamException when the call fails; its status and body are mapped to the client's error
     * @since 1.1.0
     */
    default byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) throws UpstreamException {
        return json.write(complete(request));
    }

    /**
     * Sends a streaming chat completion whose body the host has already written, and hands the {@code data:} of
     * each event to {@code sink} as the server sent it, {@code [DONE]} included, until the sink returns false or the
     * body ends; then returns normally. The host tells a stream that ended from one that broke off (no
     * {@code finish_reason} and no {@code [DONE]}), and an error event from a chunk. Failures before the stream
     * (an HTTP error status, a plain JSON answer, a connection that cannot be made) and while reading it (a broken
     * connection, a timeout) are still the provider's to throw.
     *
     * <p>The default calls {@link #stream(ChatRequest, ChunkSink)} with the parsed body, hands its chunks to the
     * sink as maps, and {@link JsonChunkSink#DONE} once it has returned normally.
     *
     * @param request the call context; its {@code body} is the parsed form of {@code body}, for reading only
     * @param body the request body to send, UTF-8 JSON, {@code model} already the upstream's own name and
     *     {@code stream} true
     * @param sink receives each event's data in order
     * @throws UpstreamException when the call fails before or while the stream is read
     * @since 1.1.0
     */
    default void streamJson(ChatRequest request, byte[] body, JsonChunkSink sink) throws UpstreamException {
        boolean[] stopped = {false};
        stream(request, chunk -> {
            stopped[0] = !sink.accept(chunk);
            return !stopped[0];
        });
        if (!stopped[0]) {
            sink.acceptJson(JsonChunkSink.DONE);
        }
    }

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
