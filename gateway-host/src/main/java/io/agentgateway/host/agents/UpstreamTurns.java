package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.host.models.ModelHandler;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.Tracing;
import io.agentgateway.host.tools.ToolManager;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Makes one model call of a run through the upstream SPI, streamed when the client streams. */
final class UpstreamTurns {

    /** Request fields the agent decides; every other field of the client's body is passed on untouched. */
    private static final Set<String> AGENT_FIELDS = Set.of("model", "messages", "tools", "tool_choice", "functions",
            "function_call", "stream", "stream_options", "n", "response_format", "parallel_tool_calls");
    private static final Map<String, Object> NO_PARAMETERS = Map.of("type", "object", "properties", Map.of());

    private final ToolManager tools;
    private final AgentMetrics metrics;

    UpstreamTurns(ToolManager tools, AgentMetrics metrics) {
        this.tools = tools;
        this.metrics = metrics;
    }

    /**
     * @param agent the agent whose turn it is; runnable
     * @param messages the conversation so far, its system message first
     * @param out the client's stream, or null; the upstream is streamed whenever it is set
     * @param forward whether content deltas go to {@code out} as they arrive
     */
    Turn call(RunScope scope, PreparedAgent agent, List<Map<String, Object>> messages, boolean toolChoiceActive,
            Map<String, Object> passThrough, AnswerStream out, boolean forward, int turnNumber)
            throws UpstreamException {
        PreparedAgent.Target target = agent.target();
        Map<String, Object> body = body(agent, target.model(), messages, toolChoiceActive, passThrough);
        boolean streamed = out != null;
        if (streamed) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        ChatRequest request = new ChatRequest(body, scope.requestId(), scope.cancellation(), scope.keyId());
        long started = System.nanoTime();
        Turn turn;
        Span span = Tracing.tracer().spanBuilder("turn " + turnNumber + " " + agent.id())
                .setAttribute("gen_ai.agent.name", agent.id())
                .setAttribute("gateway.turn", turnNumber)
                .startSpan();
        Scope traced = span.makeCurrent();
        // The upstream counts its own calls (upstreams.MeteredUpstream), so agent turns are not counted here again.
        try {
            scope.throwIfCancelled();
            turn = streamed ? stream(scope, target.route(), request, out, forward)
                    : Turn.fromCompletion(target.route().complete(request));
        } catch (UpstreamException e) {
            scope.throwIfCancelled(); // an upstream call aborted because the run was cancelled is not its failure
            throw e;
        } finally {
            traced.close();
            span.end();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        scope.throwIfCancelled();
        scope.usage().add(turn.usage());
        metrics.turn(agent.id());
        EventLog.info("agent.turn", "request_id", scope.requestId(), "agent", agent.id(), "turn", turnNumber,
                "upstream", target.upstreamName(), "model", target.model(), "tool_calls", turn.toolCalls().size(),
                "finish_reason", turn.finishReason(), "latency_ms", millis);
        return turn;
    }

    private static Turn stream(RunScope scope, ModelHandler upstream, ChatRequest request, AnswerStream out,
            boolean forward) throws UpstreamException {
        TurnAssembler assembler = new TurnAssembler();
        upstream.stream(request, chunk -> {
            String text = assembler.add(chunk);
            if (forward && !text.isEmpty()) {
                out.content(text);
            }
            return !scope.cancellation().isCancelled();
        });
        return assembler.turn();
    }

    private Map<String, Object> body(PreparedAgent agent, String model, List<Map<String, Object>> messages,
            boolean toolChoiceActive, Map<String, Object> passThrough) {
        ExecutionPolicy policy = agent.policy();
        Map<String, ToolBinding> bindings = agent.bindings();
        Map<String, Object> body = new LinkedHashMap<>();
        passThrough.forEach((key, value) -> {
            if (!AGENT_FIELDS.contains(key)) {
                body.put(key, value);
            }
        });
        body.put("model", model);
        body.put("messages", messages);
        if (!bindings.isEmpty()) {
            body.put("tools", bindings.values().stream().map(binding -> openAiTool(binding, agent.id())).toList());
            if (toolChoiceActive && policy.toolChoice() != null) {
                body.put("tool_choice", toolChoice(policy.toolChoice(), bindings, agent.id()));
            }
        }
        if (policy.maxCompletionTokens() != null) {
            int cap = policy.maxCompletionTokens();
            Object asked = body.containsKey("max_completion_tokens") ? body.get("max_completion_tokens")
                    : body.get("max_tokens");
            if (asked instanceof Number n && n.intValue() > 0) {
                cap = Math.min(cap, n.intValue());
            }
            body.remove("max_tokens");
            body.put("max_completion_tokens", cap);
        }
        AgentDefinition definition = agent.definition();
        if (definition.outputType() != null) {
            body.put("response_format", StructuredOutput.responseFormat(definition.outputType()));
        }
        return body;
    }

    /** @return the OpenAI {@code tools} array entry the model is shown for one binding */
    private Map<String, Object> openAiTool(ToolBinding binding, String agentId) {
        return switch (binding) {
            case ToolBinding.Own own -> function(own.tool());
            case ToolBinding.Agents agents -> function(agents.tool());
            case ToolBinding.Gateway gateway -> function(tools.find(gateway.name()).orElseThrow(() ->
                    AgentFailures.misconfigured(agentId, "its tool '" + gateway.name() + "' is not registered")));
            case ToolBinding.HandoffTo handoff -> function(handoff.name(), handoff.handoff().description(),
                    NO_PARAMETERS);
        };
    }

    private static Map<String, Object> function(ToolDefinition tool) {
        return function(tool.name(), tool.description(), tool.parameters());
    }

    private static Map<String, Object> function(String name, String description, Map<String, Object> parameters) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("description", description);
        function.put("parameters", parameters);
        return Map.of("type", "function", "function", function);
    }

    private static Object toolChoice(String choice, Map<String, ToolBinding> bindings, String agentId) {
        if (Set.of("auto", "none", "required").contains(choice)) {
            return choice;
        }
        if (!bindings.containsKey(choice)) {
            throw AgentFailures.misconfigured(agentId, "tool_choice names '" + choice + "', which is not one of its"
                    + " tools " + bindings.keySet());
        }
        return Map.of("type", "function", "function", Map.of("name", choice));
    }
}
