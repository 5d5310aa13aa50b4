package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.TestCalls;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An agent's own tools (code in its definition) are called through the same invoker as the gateway's registered
 * tools: the same timeout, the same access rules, the same answer to the model and the same {@code tool.invoke} log.
 */
class AgentOwnToolsTest {

    private static final ToolAccessRules NARROW_KEY_DENIES_SECRETS = ToolAccessRules.fromSecurityYaml(Map.of(
            "api_keys", List.of(Map.of("id", "narrow", "tools_denylist", List.of("secret_*")))));

    @Test
    void anOwnToolThatHangsIsCutOffByItsTimeoutAsAGatewayToolIs() throws Exception {
        RuntimeFixture fixture = new RuntimeFixture(Map.of("limits", Map.of("hang", Map.of("timeout", 0.2))),
                ToolAccessRules.ALLOW_ALL);
        CountDownLatch toldToStop = new CountDownLatch(2);
        ToolDefinition hang = new ToolDefinition("hang", "never answers", null, (args, context) -> {
            context.cancellation().onCancel(toldToStop::countDown);
            new CountDownLatch(1).await(); // until the invoker interrupts the call
            return "unreachable";
        });
        fixture.tools.registerPluginTools("hang-plugin", List.of(hang));
        AgentDefinition own = AgentDefinition.builder("Own").tool(hang).build();
        AgentDefinition viaGateway = AgentDefinition.builder("ViaGateway")
                .tool(fixture.tools.find("hang").orElseThrow()).build();

        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            String ownResult = lastToolResult(fixture, own, null);
            String gatewayResult = lastToolResult(fixture, viaGateway, null);

            assertEquals("tool_timeout", error(ownResult).get("type"), ownResult);
            assertEquals(gatewayResult, ownResult);
            assertTrue(toldToStop.await(5, TimeUnit.SECONDS), "the tool's cancellation did not fire for both calls");
            List<Map<String, Object>> lines = invocations(log);
            assertEquals(List.of("default/own", "default/viagateway"), lines.stream().map(l -> l.get("agent")).toList());
            for (Map<String, Object> line : lines) {
                assertEquals("timeout", line.get("status"), line.toString());
                assertEquals("local", line.get("provider"), line.toString());
            }
        }
    }

    @Test
    void anOwnToolDeniedToTheCallersKeyIsRefusedAsAGatewayToolIs() throws Exception {
        RuntimeFixture fixture = new RuntimeFixture(Map.of(), NARROW_KEY_DENIES_SECRETS);
        AtomicInteger runs = new AtomicInteger();
        ToolDefinition secret = new ToolDefinition("secret_lookup", "", null, (args, context) -> {
            runs.incrementAndGet();
            return "the secret";
        });
        fixture.tools.registerPluginTools("secret-plugin", List.of(secret));
        AgentDefinition own = AgentDefinition.builder("Own").tool(secret).build();
        AgentDefinition viaGateway = AgentDefinition.builder("ViaGateway")
                .tool(fixture.tools.find("secret_lookup").orElseThrow()).build();

        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            String ownResult = lastToolResult(fixture, own, "narrow");
            String gatewayResult = lastToolResult(fixture, viaGateway, "narrow");

            assertEquals("tool_forbidden", error(ownResult).get("type"), ownResult);
            assertEquals(403, error(ownResult).get("status"));
            assertEquals(gatewayResult, ownResult);
            assertEquals(0, runs.get(), "a denied tool ran");
            for (Map<String, Object> line : invocations(log)) {
                assertEquals("denied", line.get("status"), line.toString());
                assertEquals("narrow", line.get("key_id"), line.toString());
            }
        }
        String allowed = lastToolResult(fixture, own, "another-key");
        assertEquals("the secret", allowed);
        assertFalse(allowed.contains("tool_forbidden"));
    }

    /** Runs {@code agent} once with one call of its only tool, for a request with {@code keyId}. */
    private static String lastToolResult(RuntimeFixture fixture, AgentDefinition agent, String keyId)
            throws Exception {
        String tool = agent.tools().get(0).name();
        fixture.upstream.toolCalls(call("c1", tool, "{}")).answer("done");
        int before = fixture.upstream.requests.size();
        ChatRequest request = new ChatRequest(Map.of("model", "default/agent",
                "messages", List.of(Map.of("role", "user", "content", "go"))), "req-own", Cancellation.NONE, keyId);
        assertEquals("done", fixture.complete(agent, request).output());
        List<?> messages = (List<?>) fixture.upstream.requests.get(before + 1).get("messages");
        return (String) ((Map<?, ?>) messages.get(messages.size() - 1)).get("content");
    }

    private static List<Map<String, Object>> invocations(TestCalls.LogCapture log) throws Exception {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String line : log.lines("tool.invoke")) {
            out.add(Json.readObject(line));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(String result) throws Exception {
        return (Map<String, Object>) Json.readObject(result).get("error");
    }
}
