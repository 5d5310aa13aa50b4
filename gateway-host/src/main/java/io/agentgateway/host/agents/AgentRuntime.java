package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentTool;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.tools.GovernedToolFunction;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs agents: the loop of model calls and tool calls behind every agent model id. Upstreams are reached only through
 * {@link UpstreamRegistry}; every tool call goes through the {@link ToolManager}. Thread-safe; one per gateway.
 */
public final class AgentRuntime {

    private final UpstreamRegistry upstreams;
    private final ToolManager tools;
    private final AgentMetrics metrics;
    private volatile AgentDefaults defaults;

    /**
     * @param upstreams the configured upstreams
     * @param tools the gateway's tools, and the invoker every tool call of an agent goes through
     * @param defaults where agents run when they do not say (environment; agents.yaml's section is applied by
     *     {@link AgentRegistry#loadDeclarative})
     * @param meters where run metrics go; null records none
     */
    public AgentRuntime(UpstreamRegistry upstreams, ToolManager tools, AgentDefaults defaults, MeterRegistry meters) {
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.tools = requireNonNull(tools, "tools is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
        this.metrics = new AgentMetrics(meters);
    }

    /** @return the defaults in force */
    public AgentDefaults defaults() {
        return defaults;
    }

    /** Replaces the defaults, for agents.yaml reloads; runs already going keep theirs. */
    public void defaults(AgentDefaults newDefaults) {
        this.defaults = requireNonNull(newDefaults, "newDefaults is null");
    }

    /** Runs an agent for a non-streaming request. */
    public RunResult complete(String agentId, AgentDefinition agent, ChatRequest request) throws UpstreamException {
        return execute(agentId, agent, request, null, null, 0);
    }

    /**
     * Runs an agent for a streaming request: content deltas go to {@code sink} as the upstream produces them, then a
     * finish chunk and, when the client asked with {@code stream_options.include_usage}, a usage chunk. The caller
     * writes {@code data: [DONE]}.
     *
     * @param chunkId the {@code id} every chunk carries
     * @param created the {@code created} every chunk carries
     */
    public RunResult stream(String agentId, AgentDefinition agent, ChatRequest request, ChunkSink sink,
            String chunkId, long created) throws UpstreamException {
        requireNonNull(sink, "sink is null");
        requireNonNull(chunkId, "chunkId is null");
        return execute(agentId, agent, request, sink, chunkId, created);
    }

    /** Runs the agent; {@code sink} is null for a non-streaming request. */
    private RunResult execute(String agentId, AgentDefinition agent, ChatRequest request, ChunkSink sink,
            String chunkId, long created) throws UpstreamException {
        List<Map<String, Object>> messages = ClientRequests.messages(request.body());
        ClientRequests.rejectUnsupported(request.body());
        RunCancellation cancellation = RunCancellation.under(request.cancellation());
        AgentRunContext context = new AgentRunContext(request.requestId(), agentId, request.keyId(), cancellation,
                messages, Collections.unmodifiableMap(new LinkedHashMap<>(request.body())));
        AgentRun run = new AgentRun(this, cancellation, context, request.body());
        AnswerStream out = sink == null ? null : new AnswerStream(sink, chunkId, created, agentId,
                ClientRequests.includeUsage(request.body()), cancellation);
        long started = System.nanoTime();
        String outcome = "error";
        try {
            RunResult result = run.runTop(agent, agentId, out);
            if (out != null) {
                out.finish(result.finishReason(), result.usage());
                run.throwIfCancelled();
            }
            outcome = "completed";
            return result;
        } catch (GatewayException e) {
            outcome = outcomeOf(e);
            throw e;
        } catch (UpstreamException e) {
            outcome = "upstream_error";
            throw e;
        } finally {
            long nanos = System.nanoTime() - started;
            long millis = nanos / 1_000_000;
            metrics.run(agentId, outcome, nanos / 1_000_000.0);
            EventLog.info("agent.run", "request_id", request.requestId(), "agent", agentId, "outcome", outcome,
                    "stream", sink != null, "latency_ms", millis);
        }
    }

    private static String outcomeOf(GatewayException e) {
        String code = e.code() == null ? "" : e.code();
        if (code.endsWith("_guardrail_tripped")) {
            return "guardrail";
        }
        if (code.endsWith("_exceeded")) {
            return "limit";
        }
        return switch (code) {
            case "run_timeout" -> "timeout";
            case "client_closed_request" -> "cancelled";
            default -> "error";
        };
    }

    /** Where one agent's calls go. */
    record Target(String upstreamName, Upstream upstream, String model) {
    }

    Target target(AgentDefinition agent, String agentId) {
        AgentDefaults current = defaults;
        String upstreamName = agent.upstream() != null ? agent.upstream() : current.upstream();
        String model = agent.model() != null ? agent.model() : current.model();
        if (upstreamName == null || model == null) {
            throw AgentFailures.misconfigured(agentId, "no " + (upstreamName == null ? "upstream" : "model")
                    + " set: give the agent one, or set defaults in agents.yaml or GATEWAY_DEFAULT_UPSTREAM and"
                    + " GATEWAY_DEFAULT_MODEL");
        }
        Upstream upstream = upstreams.find(upstreamName).orElseThrow(() -> AgentFailures.misconfigured(agentId,
                "its upstream '" + upstreamName + "' is not configured in upstreams.yaml"));
        return new Target(upstreamName, upstream, model);
    }

    /** @return the tools and handoffs the model of {@code agent} may call, by name */
    Map<String, ToolBinding> bindings(AgentDefinition agent, String agentId) {
        Map<String, ToolBinding> bindings = new LinkedHashMap<>();
        for (ToolDefinition tool : agent.tools()) {
            put(bindings, bind(tool, agentId), agentId);
        }
        for (Handoff handoff : agent.handoffs()) {
            put(bindings, new ToolBinding.HandoffTo(handoff), agentId);
        }
        return bindings;
    }

    /** The API gives every tool as a function; what kind of call it makes is decided here, once. */
    private ToolBinding bind(ToolDefinition tool, String agentId) {
        return switch (tool.function()) {
            case GovernedToolFunction governed -> new ToolBinding.Gateway(tools.find(governed.toolName())
                    .orElseThrow(() -> AgentFailures.misconfigured(agentId, "its tool '" + governed.toolName()
                            + "' is not registered")));
            case AgentTool agents -> new ToolBinding.Agents(tool, agents.agents());
            default -> new ToolBinding.Own(tool);
        };
    }

    private static void put(Map<String, ToolBinding> bindings, ToolBinding binding, String agentId) {
        if (bindings.putIfAbsent(binding.name(), binding) != null) {
            throw AgentFailures.misconfigured(agentId, "two tools are named '" + binding.name() + "'");
        }
    }

    /** @return the model id of an agent: its namespace (or the default one) and its name, slugged */
    String idOf(AgentDefinition agent) {
        return AgentIds.id(agent.namespace() != null ? agent.namespace() : defaults.namespace(), agent.name());
    }

    AgentMetrics metrics() {
        return metrics;
    }

    ToolManager tools() {
        return tools;
    }
}
