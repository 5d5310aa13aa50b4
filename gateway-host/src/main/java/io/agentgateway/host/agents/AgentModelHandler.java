package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.models.ModelHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers {@code /v1/chat/completions} for one agent model id by running the agent. Non-streaming responses carry an
 * extra {@code agent_run} object ({@code answered_by}, {@code turns}, {@code tool_calls}, {@code handoffs}), which
 * OpenAI clients ignore.
 */
final class AgentModelHandler implements ModelHandler {

    private final AgentRuntime runtime;
    private final String agentId;
    private final AgentDefinition agent;

    AgentModelHandler(AgentRuntime runtime, String agentId, AgentDefinition agent) {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.agentId = requireNonNull(agentId, "agentId is null");
        this.agent = requireNonNull(agent, "agent is null");
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        RunResult result = runtime.complete(agentId, agent, request);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", result.output());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", result.finishReason());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", newId());
        response.put("object", "chat.completion");
        response.put("created", Instant.now().getEpochSecond());
        response.put("model", agentId);
        response.put("choices", List.of(choice));
        response.put("usage", result.usage());
        response.put("agent_run", Map.of("answered_by", result.answeredBy(), "turns", result.turns(),
                "tool_calls", result.toolCalls(), "handoffs", result.handoffs()));
        return response;
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        runtime.stream(agentId, agent, request, sink, newId(), Instant.now().getEpochSecond());
    }

    private static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
}
