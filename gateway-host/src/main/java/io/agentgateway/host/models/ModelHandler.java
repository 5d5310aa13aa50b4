package io.agentgateway.host.models;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import java.util.Map;

/**
 * What answers a chat completion for one model id: an upstream model passed through, or an agent run. Failures that
 * are the client's or the gateway's own are thrown as {@link io.agentgateway.host.openai.GatewayException}.
 */
public interface ModelHandler {

    /**
     * @param request the client's body ({@code model} still as the client sent it) and call context
     * @return a {@code chat.completion} object
     */
    Map<String, Object> complete(ChatRequest request) throws UpstreamException;

    /**
     * Streams {@code chat.completion.chunk} objects to {@code sink} as they are produced.
     *
     * @param request the client's body and call context
     * @param sink returns false once the client went away; stop then
     */
    void stream(ChatRequest request, ChunkSink sink) throws UpstreamException;

    /** As {@link #complete(ChatRequest)}, telling {@code targets} each upstream target it calls. */
    default Map<String, Object> complete(ChatRequest request, TargetListener targets) throws UpstreamException {
        return complete(request);
    }

    /** As {@link #stream(ChatRequest, ChunkSink)}, telling {@code targets} each upstream target it calls. */
    default void stream(ChatRequest request, ChunkSink sink, TargetListener targets) throws UpstreamException {
        stream(request, sink);
    }
}
