package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.plugins.PluginCalls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers {@code /v1/chat/completions} for one agent model id by running the agent, answering as an upstream does
 * (the HTTP layer shapes every answer for clients alike). Non-streaming answers carry an extra {@code agent_run}
 * object ({@code answered_by}, {@code turns}, {@code tool_calls}, {@code handoffs}), which OpenAI clients ignore.
 */
final class AgentModelHandler implements ModelHandler {

    private final AgentEngine engine;
    private final ClassLoader code;
    private final Supplier<ModelHandler> registeredNow;
    private volatile PreparedAgent agent;

    /**
     * @param code the class loader of the plugin that contributed the agent (the host's for agents.yaml)
     * @param registeredNow the handler registered for the agent's id now, or null when none is
     */
    AgentModelHandler(AgentEngine engine, PreparedAgent agent, ClassLoader code, Supplier<ModelHandler> registeredNow) {
        this.engine = requireNonNull(engine, "engine is null");
        this.agent = requireNonNull(agent, "agent is null");
        this.code = requireNonNull(code, "code is null");
        this.registeredNow = requireNonNull(registeredNow, "registeredNow is null");
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
        RunResult result = engine.complete(serving().agent, request);
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
        engine.stream(serving().agent, request, sink);
    }

    /**
     * The handler that runs this request, its plugin version held for the rest of the request: this one, or, when the
     * request found this handler just before its plugin was replaced and the old version has drained since, the
     * handler now registered for the same id. Nothing of the agent has run yet, so handing the request over repeats
     * nothing; a removed plugin's agent keeps the 503 that says to send the request again.
     */
    private AgentModelHandler serving() {
        try {
            PluginCalls.hold(code);
            return this;
        } catch (GatewayException unloaded) {
            if (!(registeredNow.get() instanceof AgentModelHandler replacement) || replacement == this) {
                throw unloaded;
            }
            PluginCalls.hold(replacement.code);
            return replacement;
        }
    }
}
