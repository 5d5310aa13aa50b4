package io.agentgateway.plugins.demo;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One {@code provider: demo} upstream: answers in the gateway's own process, at once, by {@link DemoModel}'s rule.
 * A request it cannot answer fails as a server's would: 404 for an unknown model, 400 naming the field to fix.
 */
final class DemoUpstream implements Upstream {

    private final List<String> models;

    DemoUpstream(List<String> models) {
        this.models = List.copyOf(models);
    }

    @Override
    public List<String> listModels() {
        return models;
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        return objects(request).completion(reply(request));
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        boolean includeUsage = request.body().get("stream_options") instanceof Map<?, ?> options
                && Boolean.TRUE.equals(options.get("include_usage"));
        for (Map<String, Object> chunk : objects(request).chunks(reply(request), includeUsage)) {
            if (request.cancellation().isCancelled() || !sink.accept(chunk)) {
                return;
            }
        }
    }

    private Reply reply(ChatRequest request) throws UpstreamException {
        String model = request.model();
        if (!models.contains(model)) {
            throw rejected(404, "model_not_found", "model", "The demo upstream has no model '" + model
                    + "'; it serves " + models + ".");
        }
        if (request.body().get("n") instanceof Number n && n.intValue() != 1) {
            throw rejected(400, null, "n", "The demo upstream answers with one choice: leave 'n' out or set it to 1.");
        }
        try {
            return DemoModel.reply(request.body());
        } catch (BadRequest e) {
            throw rejected(400, null, e.param(), e.getMessage());
        }
    }

    private static ChatObjects objects(ChatRequest request) {
        return new ChatObjects("chatcmpl-demo-" + UUID.randomUUID().toString().replace("-", ""),
                Instant.now().getEpochSecond(), request.model());
    }

    private static UpstreamException rejected(int status, String code, String param, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", param);
        error.put("code", code);
        return new UpstreamException(UpstreamException.Kind.REJECTED, status, message, Map.of("error", error), null);
    }
}
