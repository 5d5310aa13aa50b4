package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.observe.EventLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Makes one model call of a run through the upstream SPI, streamed when the client streams. */
final class UpstreamTurns {

    /** Request fields the agent decides; every other field of the client's body is passed on untouched. */
    private static final Set<String> AGENT_FIELDS = Set.of("model", "messages", "tools", "tool_choice", "functions",
            "function_call", "stream", "stream_options", "n", "response_format", "parallel_tool_calls");

    private final AgentRuntime runtime;
    private final AgentRun run;
    private final UsageTotals usage;

    UpstreamTurns(AgentRuntime runtime, AgentRun run, UsageTotals usage) {
        this.runtime = runtime;
        this.run = run;
        this.usage = usage;
    }

    /**
     * @param out the client's stream, or null; the upstream is streamed whenever it is set
     * @param forward whether content deltas go to {@code out} as they arrive
     */
    Turn call(AgentDefinition agent, String agentId, ExecutionPolicy policy, List<Map<String, Object>> messages,
            Map<String, ToolBinding> tools, boolean toolChoiceActive, Map<String, Object> passThrough,
            AnswerStream out, boolean forward, int turnNumber) throws UpstreamException {
        AgentRuntime.Target target = runtime.target(agent, agentId);
        Map<String, Object> body = body(target.model(), policy, messages, tools, toolChoiceActive, passThrough, agent,
                agentId);
        boolean streamed = out != null;
        if (streamed) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        ChatRequest request = new ChatRequest(body, run.requestId(), run.cancellation(), run.keyId());
        long started = System.nanoTime();
        Turn turn;
        // The upstream counts its own calls (upstreams.MeteredUpstream), so agent turns are not counted here again.
        try {
            run.throwIfCancelled();
            turn = streamed ? stream(target.upstream(), request, out, forward)
                    : Turn.fromCompletion(target.upstream().complete(request));
        } catch (UpstreamException e) {
            run.throwIfCancelled(); // an upstream call aborted because the run was cancelled is not an upstream failure
            throw e;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        run.throwIfCancelled();
        usage.add(turn.usage());
        runtime.metrics().turn(agentId);
        EventLog.info("agent.turn", "request_id", run.requestId(), "agent", agentId, "turn", turnNumber,
                "upstream", target.upstreamName(), "model", target.model(), "tool_calls", turn.toolCalls().size(),
                "finish_reason", turn.finishReason(), "latency_ms", millis);
        return turn;
    }

    private Turn stream(Upstream upstream, ChatRequest request, AnswerStream out, boolean forward)
            throws UpstreamException {
        TurnAssembler assembler = new TurnAssembler();
        upstream.stream(request, chunk -> {
            String text = assembler.add(chunk);
            if (forward && !text.isEmpty()) {
                out.content(text);
            }
            return !run.cancellation().isCancelled();
        });
        return assembler.turn();
    }

    private Map<String, Object> body(String model, ExecutionPolicy policy, List<Map<String, Object>> messages,
            Map<String, ToolBinding> tools, boolean toolChoiceActive, Map<String, Object> passThrough,
            AgentDefinition agent, String agentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        passThrough.forEach((key, value) -> {
            if (!AGENT_FIELDS.contains(key)) {
                body.put(key, value);
            }
        });
        body.put("model", model);
        body.put("messages", messages.stream().filter(Objects::nonNull).toList());
        if (!tools.isEmpty()) {
            body.put("tools", ToolBinding.openAiTools(tools));
            if (toolChoiceActive && policy.toolChoice() != null) {
                body.put("tool_choice", toolChoice(policy.toolChoice(), tools, agentId));
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
        if (agent.outputType() != null) {
            body.put("response_format", StructuredOutput.responseFormat(agent.outputType()));
        }
        return body;
    }

    private static Object toolChoice(String choice, Map<String, ToolBinding> tools, String agentId) {
        if (Set.of("auto", "none", "required").contains(choice)) {
            return choice;
        }
        if (!tools.containsKey(choice)) {
            throw AgentFailures.misconfigured(agentId, "tool_choice names '" + choice + "', which is not one of its"
                    + " tools " + tools.keySet());
        }
        return Map.of("type", "function", "function", Map.of("name", choice));
    }
}
