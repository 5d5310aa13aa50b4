package io.agentgateway.api.upstream;

/**
 * Receives a stream as the server sent it, event by event, for {@link Upstream#streamJson}. The host implements it:
 * it checks each event (an error object, data that is not JSON, a stream that breaks off before it finished) and
 * repairs only what needs repair on its way to the client, so a provider neither parses chunks nor judges how a
 * stream ended.
 *
 * <p>As a {@link ChunkSink} it also takes chunks already parsed, which is how {@link Upstream#streamJson}'s default
 * hands over the chunks of an upstream that only implements {@link Upstream#stream}.
 *
 * @since 1.1.0
 */
public interface JsonChunkSink extends ChunkSink {

    /** The data of the event that ends an OpenAI stream. */
    String DONE = "[DONE]";

    /**
     * @param data the {@code data:} of one event, exactly as the server sent it: a {@code chat.completion.chunk}'s
     *     JSON text, {@link #DONE}, or whatever else the server sent (the host reports it)
     * @return true to go on; false when the host wants no more (the client left, the stream ended, or the event was
     *     a failure the host will report), so the provider stops reading and returns
     */
    boolean acceptJson(String data);
}
