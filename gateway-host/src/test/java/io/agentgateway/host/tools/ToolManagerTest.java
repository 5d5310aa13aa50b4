package io.agentgateway.host.tools;

import static io.agentgateway.host.tools.TestCalls.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ToolAccessRules;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolManagerTest {

    private static final Map<String, Object> TEXT_SCHEMA = Map.of("type", "object", "required", List.of("text"),
            "properties", Map.of("text", Map.of("type", "string")));

    // Helidon shares one registry per JVM, so tests compare counts before and after
    private static final MeterRegistry meters = Metrics.createMeterRegistry();
    private final CountDownLatch slowToolCancelled = new CountDownLatch(1);
    private ToolManager manager;

    private ToolManager manager(Map<String, Object> toolsYaml, Map<String, Object> securityYaml) {
        manager = new ToolManager(() -> toolsYaml, ToolAccessRules.fromSecurityYaml(securityYaml), meters);
        manager.registerPluginTools("demo-plugin", List.of(
                new ToolDefinition("shout", "Upper-cases text", TEXT_SCHEMA,
                        (args, ctx) -> ((String) args.get("text")).toUpperCase()),
                new ToolDefinition("slow", "Never answers in time", null, (args, ctx) -> {
                    ctx.cancellation().onCancel(slowToolCancelled::countDown);
                    Thread.sleep(10_000);
                    return "late";
                }),
                new ToolDefinition("secret_admin", "Should be denied", null, (args, ctx) -> "ran"),
                new ToolDefinition("big", "Returns a long text", null, (args, ctx) -> "x".repeat(100))));
        return manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private double count(String tool, String status) {
        return meters.getOrCreate(io.helidon.metrics.api.Counter.builder(ToolMetrics.INVOCATIONS).tags(List.of(
                Tag.create("tool", tool), Tag.create("provider", "local"), Tag.create("status", status)))).count();
    }

    @Test
    void pluginToolIsListedAndCalledThroughTheGatewayToolShim() throws Exception {
        manager(Map.of(), Map.of());
        ToolDefinition shout = manager.find("shout").orElseThrow();
        double before = count("shout", "ok");
        assertEquals("HELLO", shout.function().call(Map.of("text", "hello"), as("dev", "default/assistant")));
        assertEquals(before + 1, count("shout", "ok"));
        ToolInfo info = manager.list().stream().filter(t -> t.name().equals("shout")).findFirst().orElseThrow();
        assertEquals(ToolProvider.LOCAL, info.provider());
        assertEquals("demo-plugin", info.source());
        assertTrue(manager.find("nope").isEmpty());
    }

    @Test
    void schemaViolationComesBackAsAToolResultAndTheToolDoesNotRun() throws Exception {
        manager(Map.of(), Map.of());
        double before = count("shout", "invalid_arguments");
        String result = manager.find("shout").orElseThrow().function().call(Map.of("text", 42), as(null, null));
        Map<String, Object> error = error(result);
        assertEquals("invalid_tool_arguments", error.get("type"));
        assertEquals(400, error.get("status"));
        assertTrue(((String) error.get("message")).contains("text"), result);
        assertEquals(before + 1, count("shout", "invalid_arguments"));
    }

    @Test
    void deniedToolIsRefusedWith403AndALogLine() throws Exception {
        manager(Map.of(), Map.of("default", Map.of("local_tools_allowlist", List.of("*"),
                "tools_denylist", List.of("secret_*"))));
        double deniedBefore = count("secret_admin", "denied");
        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            String result = manager.find("secret_admin").orElseThrow().function()
                    .call(Map.of(), as("dev", "default/assistant"));
            assertEquals(403, error(result).get("status"));
            assertEquals("tool_forbidden", error(result).get("type"));
            List<String> lines = log.lines("tool.invoke");
            assertEquals(1, lines.size());
            Map<String, Object> line = Json.readObject(lines.get(0));
            assertEquals("denied", line.get("status"));
            assertEquals("secret_admin", line.get("tool"));
            assertEquals("req-test", line.get("request_id"));
        }
        assertEquals(deniedBefore + 1, count("secret_admin", "denied"));
    }

    @Test
    void slowToolTimesOutAndIsToldToStop() throws Exception {
        manager(Map.of("limits", Map.of("slow", Map.of("timeout", 0.3))), Map.of());
        double timeoutsBefore = count("slow", "timeout");
        long start = System.nanoTime();
        String result = manager.find("slow").orElseThrow().function().call(Map.of(), as(null, null));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("tool_timeout", error(result).get("type"));
        assertTrue(tookMs < 3_000, "took " + tookMs + " ms");
        assertTrue(slowToolCancelled.await(2, TimeUnit.SECONDS), "the tool's cancellation did not fire");
        assertEquals(timeoutsBefore + 1, count("slow", "timeout"));
    }

    @Test
    void longResultIsTruncatedWithAMarker() throws Exception {
        manager(Map.of("defaults", Map.of("max_result_chars", 10)), Map.of());
        String result = manager.find("big").orElseThrow().function().call(Map.of(), as(null, null));
        assertEquals("xxxxxxxxxx\n[truncated: 90 of 100 characters omitted]", result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(String result) throws Exception {
        return (Map<String, Object>) Json.readObject(result).get("error");
    }
}
