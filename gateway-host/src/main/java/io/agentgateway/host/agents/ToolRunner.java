package io.agentgateway.host.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.tools.ToolOutcome;
import io.agentgateway.host.tools.ToolProvider;
import io.agentgateway.host.tools.ToolStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the tool calls of one turn, all at once on virtual threads, and appends their results to the conversation in
 * the order the model asked for them. A failing tool yields an error result the model sees; it never fails the run.
 */
final class ToolRunner {

    private final AgentRun run;
    private final ToolManager tools;

    ToolRunner(AgentRun run, ToolManager tools) {
        this.run = run;
        this.tools = tools;
    }

    /** @return the handoff the model asked for (the first, when several), or null */
    Handoff runBatch(AgentDefinition agent, AgentRunContext context, List<Turn.ToolCall> calls,
            Map<String, ToolBinding> tools, List<Map<String, Object>> messages, AnswerStream out) {
        Handoff handoff = null;
        List<Future<String>> futures = new ArrayList<>();
        List<String> immediate = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            run.cancellation().onCancel(executor::shutdownNow);
            for (Turn.ToolCall call : calls) {
                ToolBinding binding = tools.get(call.name());
                if (binding instanceof ToolBinding.HandoffTo handoffTo) {
                    immediate.add(handoff == null ? Json.write(Map.of("assistant", handoffTo.handoff().target().name()))
                            : "error: only one handoff per turn is followed; this one was ignored");
                    handoff = handoff == null ? handoffTo.handoff() : handoff;
                    futures.add(null);
                } else {
                    immediate.add(null);
                    futures.add(executor.submit(() -> invoke(agent, context, call, binding, out)));
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

    private String invoke(AgentDefinition agent, AgentRunContext context, Turn.ToolCall call, ToolBinding binding,
            AnswerStream out) {
        String tool = call.name();
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
        String agentId = context.agentId();
        PluginCode.hook(agent.hooks(), context.requestId(), agentId, "onToolStart",
                () -> agent.hooks().onToolStart(context, agent, tool, arguments));
        if (out != null) {
            out.progress("tool " + tool + " started");
        }
        ToolOutcome outcome = switch (binding) {
            case ToolBinding.Own own -> tools.invoke(
                    tools.unregistered(own.tool(), ToolProvider.LOCAL, agentId, null), arguments, context);
            case ToolBinding.Agents agents -> tools.invoke(tools.unregistered(agentsAsTool(agents), ToolProvider.AGENT,
                    agentId, Policies.effective(agent).runTimeout()), arguments, context);
            case ToolBinding.Gateway gateway -> tools.invoke(gateway.name(), arguments, context);
            case ToolBinding.HandoffTo handoff -> throw new IllegalStateException("a handoff is not a tool call");
        };
        if (out != null) {
            out.progress("tool " + tool + (outcome.isError() ? " failed" : " finished"));
        }
        PluginCode.hook(agent.hooks(), context.requestId(), agentId, "onToolEnd",
                () -> agent.hooks().onToolEnd(context, agent, tool, outcome.text()));
        return outcome.text();
    }

    /** The tool that runs agents used as a tool: their sub-runs belong to this run (cancellation, usage). */
    private ToolDefinition agentsAsTool(ToolBinding.Agents binding) {
        return new ToolDefinition(binding.name(), binding.description(), binding.parameters(),
                (arguments, context) -> runAgents(binding.agents(), String.valueOf(arguments.getOrDefault("input",
                        ""))));
    }

    /** One agent: its answer. Several: they run in parallel and the result maps each name to its answer. */
    private String runAgents(List<AgentDefinition> agents, String input) throws Exception {
        if (agents.size() == 1) {
            return run.runSub(agents.get(0), input);
        }
        Map<String, Future<String>> answers = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AgentDefinition agent : agents) {
                answers.put(agent.name(), executor.submit(() -> run.runSub(agent, input)));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Future<String>> entry : answers.entrySet()) {
            result.put(entry.getKey(), resultOf(entry.getValue()));
        }
        return Json.write(result);
    }
}
