package io.agentgateway.host.tools;

import static io.agentgateway.host.tools.TestCalls.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.ToolAccessRules;
import io.helidon.metrics.api.Metrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The MCP reference server, a real process over stdio: discovered, called, killed and brought back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStdioIT {

    private ToolManager manager;

    @BeforeAll
    void start() {
        manager = new ToolManager(() -> Map.of("mcp_servers", List.of(EverythingServer.spec("everything", 1))),
                ToolAccessRules.fromSecurityYaml(Map.of("default", Map.of("tools_denylist", List.of("get-env")))),
                Metrics.createMeterRegistry());
        manager.start();
    }

    @AfterAll
    void stop() {
        manager.close();
    }

    @Test
    void toolsAreDiscoveredWithToolsList() {
        List<ToolInfo> tools = manager.list();
        assertTrue(tools.stream().anyMatch(t -> t.name().equals("echo")), tools.toString());
        ToolInfo sum = tools.stream().filter(t -> t.name().equals("get-sum")).findFirst().orElseThrow();
        assertEquals(ToolProvider.MCP, sum.provider());
        assertEquals("everything", sum.source());
        assertEquals(Boolean.TRUE, sum.available());
        assertTrue(sum.schema().toString().contains("properties"), sum.schema().toString());
    }

    @Test
    void toolsAreCalledWithToolsCall() {
        ToolOutcome echo = manager.invoke("echo", Map.of("message", "hello mcp"), as("dev", null));
        assertEquals(ToolStatus.OK, echo.status(), echo.text());
        assertTrue(echo.text().contains("hello mcp"), echo.text());
        ToolOutcome sum = manager.invoke("get-sum", Map.of("a", 2, "b", 40), as("dev", null));
        assertEquals(ToolStatus.OK, sum.status(), sum.text());
        assertTrue(sum.text().contains("42"), sum.text());
    }

    @Test
    void schemaFromTheServerIsEnforcedBeforeTheCall() {
        ToolOutcome outcome = manager.invoke("get-sum", Map.of("a", "two"), as("dev", null));
        assertEquals(ToolStatus.INVALID_ARGUMENTS, outcome.status(), outcome.text());
    }

    @Test
    void deniedMcpToolIsRefused() {
        assertEquals(ToolStatus.DENIED, manager.invoke("get-env", Map.of(), as("dev", null)).status());
    }

    @Test
    void killedServerIsReportedAndRestarted() throws Exception {
        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            assertTrue(EverythingServer.killAll() > 0, "no server process found to kill");
            long deadline = System.currentTimeMillis() + 90_000;
            ToolOutcome outcome = null;
            while (System.currentTimeMillis() < deadline) {
                outcome = manager.invoke("echo", Map.of("message", "back"), as("dev", null));
                if (outcome.status() == ToolStatus.OK) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(ToolStatus.OK, outcome.status(), outcome.text());
            assertFalse(log.lines("tool.mcp.server_down").isEmpty(), "the outage was not reported");
            assertFalse(log.lines("tool.mcp.server_restarted").isEmpty(), "the restart was not reported");
        }
    }
}
