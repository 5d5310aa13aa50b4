package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.models.ModelHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code /v1/chat/completions} for one agent model id by running the agent, answering as an upstream does
 * (the HTTP layer shapes every answer for clients alike). Non-streaming answers carry an extra {@code agent_run}
 * object ({@code answered_by}, {@code turns}, {@code tool_calls}, {@code handoffs}), which OpenAI clients ignore.
 */
final class AgentModelHandler implements ModelHandler {

    private final AgentEngine engine;
    private volatile PreparedAgent agent;

    AgentModelHandler(AgentEngine engine, PreparedAgent agent) {
        this.engine = requireNonNull(engine, "engine is null");
        this.agent = requireNonNull(agent, "agent is null");
    }

    /** Runs later requests as {@code prepared}: the same agent, prepared under other defaults. */
    void prepared(PreparedAgent prepared) {
        this.agent = requireNonNull(prepared, "prepared is null");
    }

    PreparedAgent prepared() {
        return agent;
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        RunResult result = engine.complete(agent, request);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", result.output());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", result.finishReason());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("choices", List.of(choice));
        response.put("usage", result.usage());
        response.put("agent_run", Map.of("answered_by", result.answeredBy(), "turns", result.turns(),
                "tool_calls", result.toolCalls(), "handoffs", result.handoffs()));
        return response;
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        engine.stream(agent, request, sink);
    }
}
