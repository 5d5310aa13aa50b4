package io.agentgateway.host.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentTool;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.observe.EventLog;
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
    private final AgentMetrics metrics;

    ToolRunner(AgentRun run, AgentMetrics metrics) {
        this.run = run;
        this.metrics = metrics;
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
                if (binding != null && binding.handoff() != null) {
                    immediate.add(handoff == null ? Json.write(Map.of("assistant", binding.handoff().target().name()))
                            : "error: only one handoff per turn is followed; this one was ignored");
                    handoff = handoff == null ? binding.handoff() : handoff;
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
        if (binding == null) {
            return "error: there is no tool named '" + call.name() + "'";
        }
        Map<String, Object> arguments;
        try {
            arguments = call.arguments().isBlank() ? Map.of() : Json.readObject(call.arguments());
        } catch (JsonProcessingException e) {
            return "error: the arguments are not a JSON object: " + e.getOriginalMessage();
        }
        if (!binding.governedByRegistry()) {
            List<String> violations = JsonSchemaCheck.violations(arguments, binding.definition().parameters());
            if (!violations.isEmpty()) {
                return "error: invalid arguments: " + String.join("; ", violations);
            }
        }
        String tool = call.name();
        String agentId = context.agentId();
        PluginCode.hook(agent.hooks(), context.requestId(), agentId, "onToolStart",
                () -> agent.hooks().onToolStart(context, agent, tool, arguments));
        if (out != null) {
            out.progress("tool " + tool + " started");
        }
        long started = System.nanoTime();
        String result;
        String status = "success";
        try {
            result = binding.definition().function() instanceof AgentTool agentTool
                    ? runAgents(agentTool, String.valueOf(arguments.getOrDefault("input", "")))
                    : PluginCode.call(binding.definition().function(),
                            () -> binding.definition().function().call(arguments, context));
            result = result == null ? "" : result;
        } catch (Exception e) {
            status = "error";
            result = "error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        long nanos = System.nanoTime() - started;
        long millis = nanos / 1_000_000;
        if (!binding.governedByRegistry()) { // the registry logs and counts the calls it governs
            EventLog.info("tool.invoke", "request_id", context.requestId(), "agent", agentId, "tool", tool,
                    "provider", binding.provider(), "status", status, "latency_ms", millis);
            metrics.tool(tool, binding.provider(), status, nanos / 1_000_000.0);
        }
        if (out != null) {
            out.progress("tool " + tool + ("success".equals(status) ? " finished" : " failed"));
        }
        String finalResult = result;
        PluginCode.hook(agent.hooks(), context.requestId(), agentId, "onToolEnd",
                () -> agent.hooks().onToolEnd(context, agent, tool, finalResult));
        return result;
    }

    /** One agent: its answer. Several: they run in parallel and the result maps each name to its answer. */
    private String runAgents(AgentTool tool, String input) throws Exception {
        if (tool.agents().size() == 1) {
            return run.runSub(tool.agents().get(0), input);
        }
        Map<String, Future<String>> answers = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AgentDefinition agent : tool.agents()) {
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
