package io.agentgateway.testkit.agent;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.agents.InProcessAgents;
import io.agentgateway.host.agents.RunResult;
import io.agentgateway.host.openai.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an agent definition in the test's JVM on the gateway's own agent engine, as a request to its model id would:
 * its tools, handoffs, guardrails, structured output and limits all apply. The model is scripted, in the mock
 * server's format ({@code io.agentgateway.mock.MockUpstream}):
 *
 * <pre>{@code
 * AgentRunner runner = new AgentRunner(agent).script("""
 *         {"responses":[
 *           {"tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
 *           {"content":"Mild and clear in Paris."}]}""");
 * AgentRunResult result = runner.run("Weather in Paris?");
 * assertEquals("Mild and clear in Paris.", result.output());
 * // what the model was sent: the tool's result is in the second call's messages
 * runner.modelRequests().get(1).get("messages");
 * }</pre>
 *
 * Each model call takes the next scripted answer, whichever agent makes it; a call with none left fails the run.
 * Agents that name none call the model {@code scripted-model}. Not thread-safe: one runner per test.
 */
public final class AgentRunner {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final AgentDefinition agent;
    private final ScriptedUpstream upstream = new ScriptedUpstream();
    private final List<ToolDefinition> gatewayTools = new ArrayList<>();

    /** @param agent the agent to run, e.g. one a plugin's {@code agents(context)} returns */
    public AgentRunner(AgentDefinition agent) {
        this.agent = requireNonNull(agent, "agent is null");
    }

    /**
     * Queues the model's answers behind those already queued.
     *
     * @param responsesJson {@code {"responses":[<assistant message>, ...]}}: each with {@code content} and/or
     *     {@code tool_calls} (arguments as an object or a JSON string), optional {@code finish_reason}
     */
    public AgentRunner script(String responsesJson) {
        upstream.script(responsesJson);
        return this;
    }

    /** Registers a gateway tool, for agents that name registered tools (as agents.yaml's do). */
    public AgentRunner gatewayTool(ToolDefinition tool) {
        gatewayTools.add(requireNonNull(tool, "tool is null"));
        return this;
    }

    /** @return the model id the gateway lists the agent under, e.g. {@code default/weatheragent} */
    public String modelId() {
        return engine().idOf(agent);
    }

    /** Runs the agent for one user message, not streaming. */
    public AgentRunResult run(String userMessage) {
        return run(requestBody(userMessage, false));
    }

    /** Runs the agent for one user message, streaming; the result carries the chunks the run streamed. */
    public AgentRunResult stream(String userMessage) {
        return run(requestBody(userMessage, true));
    }

    /**
     * Runs the agent for a whole request body, streaming when it says {@code "stream": true}.
     *
     * @throws AgentRunFailure when the client would get an error
     */
    public AgentRunResult run(Map<String, Object> body) {
        InProcessAgents engine = engine();
        Map<String, Object> request = new LinkedHashMap<>(body);
        request.put("model", engine.idOf(agent));
        ChatRequest chat = new ChatRequest(request, "agent-run-" + RUNS.incrementAndGet(), Cancellation.NONE);
        List<Map<String, Object>> chunks = new ArrayList<>();
        try {
            RunResult result = Boolean.TRUE.equals(request.get("stream"))
                    ? engine.stream(agent, chat, chunk -> chunks.add(chunk))
                    : engine.complete(agent, chat);
            return new AgentRunResult(result.output(), result.answeredBy(), result.handoffs(), result.turns(),
                    result.toolCalls(), result.finishReason(), result.usage(), chunks);
        } catch (GatewayException e) {
            throw new AgentRunFailure(e.status(), e.type(), e.code(), e.getMessage(), e);
        } catch (UpstreamException e) {
            throw new AgentRunFailure(502, "upstream_error", null, e.getMessage(), e);
        }
    }

    /** @return the request bodies the model was sent, oldest first */
    public List<Map<String, Object>> modelRequests() {
        return upstream.requests();
    }

    private InProcessAgents engine() {
        return new InProcessAgents(upstream, ScriptedUpstream.MODEL, gatewayTools);
    }

    private static Map<String, Object> requestBody(String userMessage, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", List.of(Map.of("role", "user", "content", requireNonNull(userMessage, "userMessage"))));
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return body;
    }
}
