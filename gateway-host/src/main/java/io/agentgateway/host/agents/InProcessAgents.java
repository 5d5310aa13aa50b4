package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import java.util.List;
import java.util.Map;

/**
 * The gateway's agent engine in a plain JVM, without the server: every agent runs on one upstream and model, and
 * finds the gateway tools it names among those given here. Runs behave as behind {@code /v1/chat/completions} (tools,
 * handoffs, guardrails, structured output, limits, hooks), and fail with the same
 * {@link io.agentgateway.host.openai.GatewayException}. The one entry point of gateway-agent-testkit into the host.
 */
public final class InProcessAgents {

    private static final String UPSTREAM = "in-process";
    private static final String GATEWAY_TOOLS = "in-process-tools";

    private final AgentEngine engine;
    private final AgentPreparer preparer;

    /**
     * @param upstream where every agent's model calls go
     * @param model the model agents that name none call
     * @param gatewayTools the gateway's tools, for agents that name registered tools; every tool may be called
     */
    public InProcessAgents(Upstream upstream, String model, List<ToolDefinition> gatewayTools) {
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put(UPSTREAM, requireNonNull(upstream, "upstream is null"));
        MeterRegistry meters = Services.get(MeterRegistry.class);
        ToolManager tools = new ToolManager(Map::of, ToolAccessRules.ALLOW_ALL, meters);
        tools.registerPluginTools(GATEWAY_TOOLS, gatewayTools);
        this.engine = new AgentEngine(tools, meters);
        this.preparer = new AgentPreparer(new AgentDefaults(null, UPSTREAM, model), Routes.of(upstreams));
    }

    /** @return the model id the gateway would list {@code agent} under */
    public String idOf(AgentDefinition agent) {
        return preparer.idOf(agent);
    }

    /**
     * Runs {@code agent} for a non-streaming request.
     *
     * @param request the client's request; its body's {@code model} is ignored
     */
    public RunResult complete(AgentDefinition agent, ChatRequest request) throws UpstreamException {
        return engine.complete(preparer.prepare(agent), request);
    }

    /**
     * Runs {@code agent} for a streaming request: {@code sink} receives what an upstream would stream (content deltas,
     * a chunk with the finish reason, then one with the run's usage).
     */
    public RunResult stream(AgentDefinition agent, ChatRequest request, ChunkSink sink) throws UpstreamException {
        return engine.stream(preparer.prepare(agent), request, sink);
    }
}
