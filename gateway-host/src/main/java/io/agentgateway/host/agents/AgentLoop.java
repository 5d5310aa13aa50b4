package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent loop of a run: model call, tool calls, their results, the next call, until an answer, a guardrail trip or
 * a limit. The addressed agent (and those it hands off to) run in the top loop, which streams to the client; each
 * agent used as a tool runs in a loop of its own inside the same run. Each step below is one part of the loop.
 */
final class AgentLoop {

    /** What the steps call: the engine's parts, shared by every loop. */
    record Parts(UpstreamTurns turns, ToolRunner tools, AgentMetrics metrics) {
    }

    private final Parts parts;
    private final RunScope scope;
    private final PreparedAgent start;
    private final ExecutionPolicy limits;
    private final Map<String, Object> passThrough;
    private final AnswerStream out;
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final List<String> handoffs = new ArrayList<>();
    private final int toolCallsBefore;
    private PreparedAgent current;
    private int turns;
    private int hops;
    private int outputRetries;
    private boolean toolChoiceActive = true;

    private AgentLoop(Parts parts, RunScope scope, PreparedAgent start, List<Map<String, Object>> conversation,
            Map<String, Object> passThrough, AnswerStream out) {
        this.parts = parts;
        this.scope = scope;
        this.start = start;
        this.limits = start.policy();
        this.passThrough = passThrough;
        this.out = out;
        this.current = start;
        this.toolCallsBefore = scope.toolCalls().get();
        messages.add(null); // the system message, set per agent
        messages.addAll(conversation);
    }

    /** The loop of the addressed agent: the client's conversation and request fields, its stream if it streams. */
    static AgentLoop top(Parts parts, RunScope scope, PreparedAgent agent) {
        return new AgentLoop(parts, scope, agent, scope.clientMessages(), scope.clientBody(), scope.out());
    }

    /** The loop of an agent used as a tool: one user message, its input; its answer is the tool's result. */
    static AgentLoop asTool(Parts parts, RunScope scope, PreparedAgent agent, String input) {
        return new AgentLoop(parts, scope, agent, List.of(Map.of("role", "user", "content", input)), Map.of(), null);
    }

    RunResult run() throws UpstreamException {
        begin();
        while (true) {
            Turn turn = takeTurn();
            if (!turn.toolCalls().isEmpty()) {
                runTools(turn);
                continue;
            }
            String answer = acceptedAnswer(turn);
            if (answer != null) {
                return finish(answer, turn);
            }
        }
    }

    /** Input guardrails, the start hook and the system message, before the first model call. */
    private void begin() throws UpstreamException {
        AgentDefinition agent = current.definition();
        AgentRunContext context = scope.context(current.id());
        Guardrails.checkInput(agent, current.id(), context, messages.subList(1, messages.size()), parts.metrics());
        PluginCode.hook(agent.hooks(), scope.requestId(), current.id(), "onAgentStart",
                () -> agent.hooks().onAgentStart(context, agent));
        setInstructions(current, context);
    }

    /** One model call of the current agent, within the turn limit of the addressed one. */
    private Turn takeTurn() throws UpstreamException {
        if (turns >= limits.maxTurns()) {
            throw AgentFailures.limit(start.id(), "max_turns", limits.maxTurns());
        }
        turns++;
        current.checkRunnable();
        return parts.turns().call(scope, current, messages.stream().filter(Objects::nonNull).toList(),
                toolChoiceActive, passThrough, out, out != null && !buffersAnswer(), turns);
    }

    /** Runs the tool calls of a turn, within the hop limit, and follows the handoff the model asked for, if any. */
    private void runTools(Turn turn) throws UpstreamException {
        if (hops >= limits.maxToolHops()) {
            throw AgentFailures.limit(start.id(), "max_tool_hops", limits.maxToolHops());
        }
        hops++;
        toolChoiceActive = false;
        messages.add(turn.assistantMessage());
        scope.toolCalls().addAndGet(turn.toolCalls().size());
        Handoff handoff = parts.tools().runBatch(scope, current, turn.toolCalls(), messages, out);
        scope.throwIfCancelled();
        if (handoff != null) {
            handOff(current.reach(handoff.target()));
        }
    }

    private void handOff(PreparedAgent to) throws UpstreamException {
        PreparedAgent from = current;
        AgentRunContext fromContext = scope.context(from.id());
        AgentRunContext toContext = scope.context(to.id());
        PluginCode.hook(from.definition().hooks(), scope.requestId(), from.id(), "onHandoff",
                () -> from.definition().hooks().onHandoff(fromContext, from.definition(), to.definition()));
        EventLog.info("agent.handoff", "request_id", scope.requestId(), "from", from.id(), "to", to.id());
        parts.metrics().handoff(from.id(), to.id());
        if (out != null) {
            out.progress("handoff " + from.id() + " -> " + to.id());
        }
        handoffs.add(to.id());
        current = to;
        toolChoiceActive = true;
        setInstructions(to, toContext);
        PluginCode.hook(to.definition().hooks(), scope.requestId(), to.id(), "onAgentStart",
                () -> to.definition().hooks().onAgentStart(toContext, to.definition()));
    }

    /**
     * Checks an answer against the output type (asking the model again, within the retry limit, when it does not
     * match) and the output guardrails.
     *
     * @return the answer, as JSON text for an output type; null when the model was asked to answer again
     */
    private String acceptedAnswer(Turn turn) {
        AgentDefinition agent = current.definition();
        String output = turn.content();
        if (agent.outputType() != null) {
            StructuredOutput.Check check = StructuredOutput.check(output, agent.outputType());
            if (!check.valid()) {
                if (outputRetries >= current.policy().maxOutputRetries()) {
                    throw AgentFailures.outputInvalid(current.id(), agent.outputType().name(), check.problems());
                }
                outputRetries++;
                messages.add(turn.assistantMessage());
                messages.add(StructuredOutput.correction(check.problems()));
                EventLog.info("agent.output.retry", "request_id", scope.requestId(), "agent", current.id(),
                        "problems", check.problems());
                return null;
            }
            output = check.normalized();
        }
        Guardrails.checkOutput(agent, current.id(), scope.context(current.id()), output, parts.metrics());
        return output;
    }

    private RunResult finish(String output, Turn turn) {
        if (out != null && buffersAnswer()) {
            out.content(output);
        }
        PreparedAgent last = current;
        AgentRunContext context = scope.context(last.id());
        PluginCode.hook(last.definition().hooks(), scope.requestId(), last.id(), "onAgentEnd",
                () -> last.definition().hooks().onAgentEnd(context, last.definition(), output));
        String finish = "length".equals(turn.finishReason()) ? "length" : "stop";
        return new RunResult(output, last.id(), turns, scope.toolCalls().get() - toolCallsBefore, handoffs, finish,
                scope.usage().asMap());
    }

    /** An answer that must pass checks first reaches the client only once it has. */
    private boolean buffersAnswer() {
        AgentDefinition agent = current.definition();
        return agent.outputType() != null || !agent.outputGuardrails().isEmpty();
    }

    private void setInstructions(PreparedAgent agent, AgentRunContext context) throws UpstreamException {
        String text;
        try {
            text = PluginCode.call(agent.definition().instructions(),
                    () -> agent.definition().instructions().render(context));
        } catch (GatewayException e) {
            throw e; // a plugin_error (the plugin's code failed) stays one
        } catch (Exception e) {
            throw AgentFailures.misconfigured(agent.id(), "its instructions failed: " + e.getMessage());
        }
        if (text == null || text.isBlank()) {
            messages.set(0, null); // no system message at all rather than an empty one
            return;
        }
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("role", "system");
        system.put("content", text);
        messages.set(0, system);
    }
}
