package io.agentgateway.host.models;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.ChatBody;
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

    /**
     * As {@link #complete(ChatRequest, TargetListener)}, for a client's body passed through as JSON: an upstream is
     * sent {@code body}'s bytes (renamed), and the answer comes back as the upstream's JSON, checked but not yet
     * shaped for the client. The default answers by the parsed form and writes the answer once.
     */
    default byte[] completeJson(ChatRequest request, ChatBody body, TargetListener targets) throws UpstreamException {
        return Json.writeBytes(complete(request, targets));
    }

    /**
     * As {@link #stream(ChatRequest, ChunkSink, TargetListener)}, for a client's body passed through as JSON: chunks
     * reach {@code sink} as the upstream's JSON text ({@link JsonChunkSink#acceptJson}) or as maps, checked but not
     * yet shaped for the client, never {@code [DONE]}; it returns normally once the stream ended properly.
     */
    default void streamJson(ChatRequest request, ChatBody body, JsonChunkSink sink, TargetListener targets)
            throws UpstreamException {
        stream(request, sink, targets);
    }
}
