package io.agentgateway.host.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.observe.Tracing;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.tools.ToolOutcome;
import io.agentgateway.host.tools.ToolProvider;
import io.agentgateway.host.tools.ToolStatus;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the tool calls of one turn, all at once on virtual threads, each through the gateway's tool invoker, and
 * appends their results to the conversation in the order the model asked for them. A failing tool yields an error
 * result the model sees; it never fails the run.
 */
final class ToolRunner {

    /** Runs an agent used as a tool, inside the run of its caller. */
    @FunctionalInterface
    interface AgentsAsTool {
        String run(RunScope scope, PreparedAgent agent, String input) throws UpstreamException;
    }

    private final ToolManager tools;
    private final AgentsAsTool agentsAsTool;

    ToolRunner(ToolManager tools, AgentsAsTool agentsAsTool) {
        this.tools = tools;
        this.agentsAsTool = agentsAsTool;
    }

    /**
     * @param agent the agent whose model asked for the calls
     * @param out the client's stream, for progress notes; null when none
     * @return the handoff the model asked for (the first, when several), or null
     */
    Handoff runBatch(RunScope scope, PreparedAgent agent, List<Turn.ToolCall> calls, List<Map<String, Object>> messages,
            AnswerStream out) {
        Handoff handoff = null;
        List<Future<String>> futures = new ArrayList<>();
        List<String> immediate = new ArrayList<>();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        // Closed in reverse order: the executor's close waits for the calls, which a cancellation must still stop.
        try (CancellationSource.Registration stopOnCancel =
                scope.cancellation().onCancelWhileOpen(executor::shutdownNow); executor) {
            for (Turn.ToolCall call : calls) {
                ToolBinding binding = agent.bindings().get(call.name());
                if (binding instanceof ToolBinding.HandoffTo handoffTo) {
                    immediate.add(handoff == null ? Json.write(Map.of("assistant", handoffTo.handoff().target().name()))
                            : "error: only one handoff per turn is followed; this one was ignored");
                    handoff = handoff == null ? handoffTo.handoff() : handoff;
                    futures.add(null);
                } else {
                    immediate.add(null);
                    // Each call on a thread of its own, in the trace of the turn that asked for it.
                    futures.add(executor.submit(Context.current().wrap(() -> traced(scope, agent, call, binding, out))));
                }
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            String result = immediate.get(i) != null ? immediate.get(i) : resultOf(futures.get(i));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "tool");
            message.put("tool_call_id", calls.get(i).id());
            message.put("content", result);
            messages.add(message);
        }
        return handoff;
    }

    private static String resultOf(Future<String> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return "error: " + e.getCause().getMessage();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return "error: cancelled";
        }
    }

    /** {@link #invoke} in an {@code execute_tool} span. */
    private String traced(RunScope scope, PreparedAgent agent, Turn.ToolCall call, ToolBinding binding,
            AnswerStream out) {
        Span span = Tracing.tracer().spanBuilder("execute_tool " + call.name())
                .setAttribute("gen_ai.operation.name", "execute_tool")
                .setAttribute("gen_ai.tool.name", call.name())
                .setAttribute("gen_ai.tool.call.id", String.valueOf(call.id()))
                .setAttribute("gen_ai.agent.name", agent.id())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return invoke(scope, agent, call, binding, out);
        } finally {
            span.end();
        }
    }

    private String invoke(RunScope scope, PreparedAgent agent, Turn.ToolCall call, ToolBinding binding,
            AnswerStream out) {
        String tool = call.name();
        AgentRunContext context = scope.context(agent.id());
        if (binding == null) {
            return tools.refuse(tool, ToolStatus.NOT_FOUND, "This agent has no tool named '" + tool + "'.", context)
                    .text();
        }
        Map<String, Object> arguments;
        try {
            arguments = call.arguments().isBlank() ? Map.of() : Json.readObject(call.arguments());
        } catch (JsonProcessingException e) {
            return tools.refuse(tool, ToolStatus.INVALID_ARGUMENTS, "The arguments are not a JSON object: "
                    + e.getOriginalMessage(), context).text();
        }
        AgentDefinition definition = agent.definition();
        PluginCode.hook(definition.hooks(), scope.requestId(), agent.id(), "onToolStart",
                () -> definition.hooks().onToolStart(context, definition, tool, arguments));
        if (out != null) {
            out.progress("tool " + tool + " started");
        }
        ToolOutcome outcome = switch (binding) {
            case ToolBinding.Own own -> tools.invoke(
                    tools.unregistered(own.tool(), ToolProvider.LOCAL, agent.id(), null), arguments, context);
            case ToolBinding.Agents agents -> tools.invoke(tools.unregistered(runsAgents(scope, agent, agents),
                    ToolProvider.AGENT, agent.id(), agent.policy().runTimeout()), arguments, context);
            case ToolBinding.Gateway gateway -> tools.invoke(gateway.name(), arguments, context);
            case ToolBinding.HandoffTo handoff -> throw new IllegalStateException("a handoff is not a tool call");
        };
        if (out != null) {
            out.progress("tool " + tool + (outcome.isError() ? " failed" : " finished"));
        }
        PluginCode.hook(definition.hooks(), scope.requestId(), agent.id(), "onToolEnd",
                () -> definition.hooks().onToolEnd(context, definition, tool, outcome.text()));
        return outcome.text();
    }

    /** The tool behind agents used as a tool: a call runs them inside this run (its cancellation, its usage). */
    private ToolDefinition runsAgents(RunScope scope, PreparedAgent caller, ToolBinding.Agents binding) {
        ToolDefinition shown = binding.tool();
        return new ToolDefinition(shown.name(), shown.description(), shown.parameters(), (arguments, context) ->
                runAgents(scope, caller, binding.agents(), String.valueOf(arguments.getOrDefault("input", ""))));
    }

    /** One agent: its answer. Several: they run in parallel and the result maps each name to its answer. */
    private String runAgents(RunScope scope, PreparedAgent caller, List<AgentDefinition> agents, String input)
            throws Exception {
        if (agents.size() == 1) {
            return agentsAsTool.run(scope, caller.reach(agents.get(0)), input);
        }
        Map<String, Future<String>> answers = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AgentDefinition agent : agents) {
                answers.put(agent.name(), executor.submit(() -> agentsAsTool.run(scope, caller.reach(agent), input)));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Future<String>> entry : answers.entrySet()) {
            result.put(entry.getKey(), resultOf(entry.getValue()));
        }
        return Json.write(result);
    }
}
