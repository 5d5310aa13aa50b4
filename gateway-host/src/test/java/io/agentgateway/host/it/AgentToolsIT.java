package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentChat.LIMITED_KEY;
import static io.agentgateway.host.it.AgentChat.answer;
import static io.agentgateway.host.it.AgentChat.call;
import static io.agentgateway.host.it.AgentChat.complete;
import static io.agentgateway.host.it.AgentChat.onlyForbiddenResult;
import static io.agentgateway.host.it.AgentChat.onlyToolLine;
import static io.agentgateway.host.it.AgentChat.scriptToolCallThenAnswer;
import static io.agentgateway.host.it.AgentChat.scriptToolCallsThenAnswer;
import static io.agentgateway.host.it.AgentChat.securityWithLimitedKey;
import static io.agentgateway.host.it.AgentChat.toolResultsSentBack;
import static io.agentgateway.host.it.AgentChat.toolsOffered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.EverythingServer;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declarative agents calling gateway tools for real: the MCP reference server from npm over stdio, the text-tools
 * plugin jar from plugins-dist, and tools that security.yaml refuses. The model is the mock upstream, scripted to ask
 * for a tool call and then answer; what the tool returned is checked where the model reads it, the next upstream
 * request.
 */
class AgentToolsIT {

    @RegisterExtension
    static final SharedAgentFixture agents = new SharedAgentFixture(configDir -> {
        return new AgentFixture(configDir, Map.of(
                "tools.yaml", Json.write(Map.of("mcp_servers", List.of(EverythingServer.spec("everything", 10)))),
                "agents.yaml", """
                        version: 1
                        defaults: {namespace: it, upstream: mock, model: mock-model}
                        agents:
                          - name: mcp-agent
                            model: mcp-agent
                            instructions: Use the tools to answer.
                            tools: [echo, get-sum]
                          - name: text-agent
                            model: text-agent
                            tools: [word_count, summarize_text]
                          - name: guarded
                            model: guarded
                            tools: [get-sum]
                          - name: counter
                            model: counter
                            tools: [word_count]
                        """,
                "security.yaml", securityWithLimitedKey("""
                        agent_tools:
                          - agent: "it/guarded"
                            deny: ["get-sum"]
                        """)));
    });

    @Test
    void agentCallsMcpServerToolsAndTheModelReadsTheirResults() throws Exception {
        scriptToolCallsThenAnswer(agents.mock(), "mcp-agent", List.of(call("echo", Map.of("message", "over stdio")),
                call("get-sum", Map.of("a", 2, "b", 3))), "2 and 3 make 5.");
        try (LogCapture log = new LogCapture()) {
            JsonNode completion = complete(agents.gateway(), RunningGateway.KEY, "req-mcp-sum", "it/mcp-agent", "2+3?");

            assertEquals("2 and 3 make 5.", answer(completion));
            assertEquals(List.of("echo", "get-sum"), toolsOffered(agents.mock(), "mcp-agent"));
            List<String> results = toolResultsSentBack(agents.mock(), "mcp-agent");
            assertEquals(2, results.size(), results.toString());
            assertTrue(results.get(0).contains("over stdio"), results.get(0));
            assertTrue(results.get(1).contains("The sum of 2 and 3 is 5"), results.get(1));
            assertEquals(2, log.lines("tool.invoke").stream().filter(l -> l.contains("req-mcp-sum")).count());
            String line = onlyToolLine(log, "req-mcp-sum", "get-sum");
            assertTrue(line.contains("\"tool\":\"get-sum\""), line);
            assertTrue(line.contains("\"provider\":\"mcp\""), line);
            assertTrue(line.contains("\"source\":\"everything\""), line);
            assertTrue(line.contains("\"status\":\"ok\""), line);
            assertTrue(line.contains("\"agent\":\"it/mcp-agent\""), line);
        }
        String metrics = prometheus();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_tool_invocations_total{")
                && l.contains("tool=\"get-sum\"") && l.contains("provider=\"mcp\"") && l.contains("status=\"ok\"")),
                metrics);
    }

    @Test
    void agentCallsAJavaToolFromAPluginJar() throws Exception {
        scriptToolCallThenAnswer(agents.mock(), "text-agent", "word_count", Map.of("text", "one two three. four"),
                "Four words.");
        try (LogCapture log = new LogCapture()) {
            JsonNode completion = complete(agents.gateway(),
                    RunningGateway.KEY, "req-word-count", "it/text-agent", "count");

            assertEquals("Four words.", answer(completion));
            assertEquals(List.of("word_count", "summarize_text"), toolsOffered(agents.mock(), "text-agent"));
            assertEquals(List.of("{\"words\":4,\"sentences\":2,\"characters\":19}"),
                    toolResultsSentBack(agents.mock(), "text-agent"));
            String line = onlyToolLine(log, "req-word-count", "word_count");
            assertTrue(line.contains("\"provider\":\"local\""), line);
            assertTrue(line.contains("\"source\":\"text-tools\""), line);
            assertTrue(line.contains("\"status\":\"ok\""), line);
        }
    }

    @Test
    void toolRefusedForTheAgentReachesTheModelAsA403Result() throws Exception {
        scriptToolCallThenAnswer(agents.mock(), "guarded", "get-sum", Map.of("a", 1, "b", 1), "I may not add.");
        try (LogCapture log = new LogCapture()) {
            JsonNode completion = complete(agents.gateway(), RunningGateway.KEY, "req-guarded", "it/guarded", "1+1?");

            assertEquals("I may not add.", answer(completion));
            assertForbidden(toolResultsSentBack(agents.mock(), "guarded"), "get-sum");
            String line = onlyToolLine(log, "req-guarded", "get-sum");
            assertTrue(line.contains("\"status\":\"denied\""), line);
            assertTrue(line.contains("agent_tools entry 'it/guarded'"), line);
        }
    }

    @Test
    void toolRefusedForTheCallersKeyIsRefusedWhenAnAgentCallsIt() throws Exception {
        scriptToolCallThenAnswer(agents.mock(), "counter", "word_count", Map.of("text", "a b"), "I may not count.");
        try (LogCapture log = new LogCapture()) {
            JsonNode completion = complete(agents.gateway(), LIMITED_KEY, "req-limited", "it/counter", "count a b");

            assertEquals("I may not count.", answer(completion));
            assertForbidden(toolResultsSentBack(agents.mock(), "counter"), "word_count");
            String line = onlyToolLine(log, "req-limited", "word_count");
            assertTrue(line.contains("\"status\":\"denied\""), line);
            assertTrue(line.contains("\"key_id\":\"limited\""), line);
            assertTrue(line.contains("tools_denylist of key 'limited'"), line);
        }
    }

    @Test
    void keysToolRulesApplyToStreamedAgentRunsToo() throws Exception {
        scriptToolCallThenAnswer(agents.mock(), "counter", "word_count", Map.of("text", "a b c"),
                "Still not counting.");
        try (LogCapture log = new LogCapture()) {
            String streamed = AgentChat.stream(agents.gateway(), LIMITED_KEY, "req-limited-stream", "it/counter",
                    "count");

            assertEquals("Still not counting.", streamed);
            assertForbidden(toolResultsSentBack(agents.mock(), "counter"), "word_count");
            String line = onlyToolLine(log, "req-limited-stream", "word_count");
            assertTrue(line.contains("\"key_id\":\"limited\""), line);
        }
    }

    private static void assertForbidden(List<String> results, String tool) throws Exception {
        JsonNode error = onlyForbiddenResult(results);
        assertEquals(tool, error.path("tool").asText(), results.get(0));
    }

    private static String prometheus() throws Exception {
        HttpResponse<String> response = agents.gateway().get("/metrics/prometheus", RunningGateway.KEY);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
