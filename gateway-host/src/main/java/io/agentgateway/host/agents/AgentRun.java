package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.agent.RunContext;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.observe.EventLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client request to an agent: the loop of model call, tool calls, results, next call, until an answer, a
 * guardrail trip or a limit. Agents used as tools run inside the same run (same cancellation, deadline and usage),
 * each in a loop of its own.
 */
final class AgentRun {

    private final AgentRuntime runtime;
    private final RunCancellation cancellation;
    private final AgentRunContext baseContext;
    private final Map<String, Object> clientBody;
    private final UsageTotals usage = new UsageTotals();
    private final AtomicInteger toolCalls = new AtomicInteger();
    private final ToolRunner toolRunner;
    private final UpstreamTurns upstreamTurns;
    private String timeoutAgentId;
    private long timeoutSeconds;

    AgentRun(AgentRuntime runtime, RunCancellation cancellation, AgentRunContext baseContext,
            Map<String, Object> clientBody) {
        this.runtime = runtime;
        this.cancellation = cancellation;
        this.baseContext = baseContext;
        this.clientBody = clientBody;
        this.toolRunner = new ToolRunner(this, runtime.tools());
        this.upstreamTurns = new UpstreamTurns(runtime, this, usage);
    }

    /** Runs the addressed agent on the client's conversation, streaming its answer to {@code out} when not null. */
    RunResult runTop(AgentDefinition agent, String agentId, AnswerStream out) throws UpstreamException {
        ExecutionPolicy policy = Policies.effective(agent);
        timeoutAgentId = agentId;
        timeoutSeconds = Math.max(1, policy.runTimeout().toSeconds());
        Thread timer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(policy.runTimeout());
                cancellation.cancel(RunCancellation.Reason.TIMEOUT);
            } catch (InterruptedException e) {
                // the run ended first
            }
        });
        try {
            return loop(agent, agentId, baseContext.messages(), clientBody, out, true);
        } finally {
            timer.interrupt();
        }
    }

    /** Runs an agent used as a tool on one input; its answer is the tool's result. */
    String runSub(AgentDefinition agent, String input) throws UpstreamException {
        String agentId = runtime.idOf(agent);
        List<Map<String, Object>> conversation = List.of(Map.of("role", "user", "content", input));
        return loop(agent, agentId, conversation, Map.of(), null, false).output();
    }

    private RunResult loop(AgentDefinition start, String startId, List<Map<String, Object>> conversation,
            Map<String, Object> passThrough, AnswerStream out, boolean top) throws UpstreamException {
        ExecutionPolicy limits = Policies.effective(start);
        AgentDefinition current = start;
        String currentId = startId;
        AgentRunContext context = baseContext.forAgent(currentId);
        Guardrails.checkInput(current, currentId, context, conversation, runtime.metrics());
        PluginCode.hook(current.hooks(), context.requestId(), currentId, "onAgentStart",
                () -> start.hooks().onAgentStart(context, start));
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(null); // the system message, set per agent
        messages.addAll(conversation);
        setInstructions(messages, current, context);
        List<String> handoffs = new ArrayList<>();
        int turns = 0;
        int hops = 0;
        int outputRetries = 0;
        int callsBefore = toolCalls.get();
        boolean toolChoiceActive = true;
        while (true) {
            if (turns >= limits.maxTurns()) {
                throw AgentFailures.limit(startId, "max_turns", limits.maxTurns());
            }
            turns++;
            ExecutionPolicy policy = Policies.effective(current);
            Map<String, ToolBinding> tools = runtime.bindings(current, currentId);
            boolean buffered = current.outputType() != null || !current.outputGuardrails().isEmpty();
            Turn turn = upstreamTurns.call(current, currentId, policy, messages, tools, toolChoiceActive,
                    passThrough, out, out != null && !buffered, turns);
            if (!turn.toolCalls().isEmpty()) {
                if (hops >= limits.maxToolHops()) {
                    throw AgentFailures.limit(startId, "max_tool_hops", limits.maxToolHops());
                }
                hops++;
                toolChoiceActive = false;
                messages.add(turn.assistantMessage());
                toolCalls.addAndGet(turn.toolCalls().size());
                Handoff handoff = toolRunner.runBatch(current, context.forAgent(currentId), turn.toolCalls(), tools,
                        messages, out);
                throwIfCancelled();
                if (handoff != null) {
                    AgentDefinition from = current;
                    AgentDefinition to = handoff.target();
                    String toId = runtime.idOf(to);
                    AgentRunContext fromContext = context.forAgent(currentId);
                    AgentRunContext toContext = context.forAgent(toId);
                    PluginCode.hook(from.hooks(), context.requestId(), currentId, "onHandoff",
                            () -> from.hooks().onHandoff(fromContext, from, to));
                    EventLog.info("agent.handoff", "request_id", context.requestId(), "from", currentId, "to", toId);
                    runtime.metrics().handoff(currentId, toId);
                    if (out != null) {
                        out.progress("handoff " + currentId + " -> " + toId);
                    }
                    handoffs.add(toId);
                    current = to;
                    currentId = toId;
                    toolChoiceActive = true;
                    setInstructions(messages, current, toContext);
                    PluginCode.hook(to.hooks(), context.requestId(), toId, "onAgentStart",
                            () -> to.hooks().onAgentStart(toContext, to));
                }
                continue;
            }
            String output = turn.content();
            if (current.outputType() != null) {
                StructuredOutput.Check check = StructuredOutput.check(output, current.outputType());
                if (!check.valid()) {
                    if (outputRetries >= policy.maxOutputRetries()) {
                        throw AgentFailures.outputInvalid(currentId, current.outputType().name(), check.problems());
                    }
                    outputRetries++;
                    messages.add(turn.assistantMessage());
                    messages.add(StructuredOutput.correction(check.problems()));
                    EventLog.info("agent.output.retry", "request_id", context.requestId(), "agent", currentId,
                            "problems", check.problems());
                    continue;
                }
                output = check.normalized();
            }
            Guardrails.checkOutput(current, currentId, context.forAgent(currentId), output, runtime.metrics());
            if (out != null && buffered) {
                out.content(output);
            }
            AgentDefinition last = current;
            AgentRunContext lastContext = context.forAgent(currentId);
            String finalOutput = output;
            PluginCode.hook(last.hooks(), context.requestId(), currentId, "onAgentEnd",
                    () -> last.hooks().onAgentEnd(lastContext, last, finalOutput));
            String finish = "length".equals(turn.finishReason()) ? "length" : "stop";
            return new RunResult(output, currentId, turns, toolCalls.get() - callsBefore, handoffs, finish,
                    usage.asMap());
        }
    }

    private static void setInstructions(List<Map<String, Object>> messages, AgentDefinition agent,
            RunContext context) throws UpstreamException {
        String text;
        try {
            text = PluginCode.call(agent.instructions(), () -> agent.instructions().render(context));
        } catch (Exception e) {
            throw AgentFailures.misconfigured(context.agentId(), "its instructions failed: " + e.getMessage());
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

    /** Throws the error that matches why the run was cancelled, if it was. */
    void throwIfCancelled() {
        RunCancellation.Reason reason = cancellation.reason();
        if (reason == RunCancellation.Reason.CLIENT_GONE) {
            throw AgentFailures.clientGone();
        }
        if (reason == RunCancellation.Reason.TIMEOUT) {
            throw AgentFailures.timeout(timeoutAgentId, timeoutSeconds);
        }
    }

    RunCancellation cancellation() {
        return cancellation;
    }

    String keyId() {
        return baseContext.keyId();
    }

    String requestId() {
        return baseContext.requestId();
    }
}
