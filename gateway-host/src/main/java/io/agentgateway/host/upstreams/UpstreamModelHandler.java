package io.agentgateway.host.upstreams;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.models.ModelHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers a model id {@code <upstream>/<model>} by passing the request to that upstream under its own model name. */
public final class UpstreamModelHandler implements ModelHandler {

    private final Upstream upstream;
    private final String upstreamModel;

    public UpstreamModelHandler(Upstream upstream, String upstreamModel) {
        this.upstream = upstream;
        this.upstreamModel = upstreamModel;
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        return upstream.complete(renamed(request));
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        upstream.stream(renamed(request), sink);
    }

    private ChatRequest renamed(ChatRequest request) {
        Map<String, Object> body = new LinkedHashMap<>(request.body());
        body.put("model", upstreamModel);
        return request.withBody(body);
    }
}
