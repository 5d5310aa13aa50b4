package __PACKAGE__;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.ToolContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's definition, and its own tool held to the gateway's contract for tools. */
class __CLASS_PREFIX__AgentTest extends ToolContract {

    private static final Clock NOON = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);

    private final __CLASS_PREFIX__Plugin plugin = new __CLASS_PREFIX__Plugin(NOON);

    @Override
    protected ToolDefinition tool() {
        return plugin.localTime();
    }

    @Override
    protected List<Map<String, Object>> validArguments() {
        return List.of(Map.of("zone", "Europe/Paris"), Map.of("zone", "UTC"));
    }

    @Override
    protected void checkResult(Map<String, Object> arguments, String result) {
        if (arguments.get("zone").equals("Europe/Paris")) {
            assertEquals("2030-01-01T13:00+01:00[Europe/Paris]", result);
        }
    }

    @Test
    void offersOneAgentWithItsTool() {
        List<AgentDefinition> agents = plugin.agents(new FakePluginContext("__PLUGIN_ID__"));
        assertEquals(1, agents.size());
        AgentDefinition agent = agents.getFirst();
        assertEquals("__CLASS_PREFIX__", agent.name());
        assertFalse(agent.description().isBlank(), "shown in /v1/models");
        assertEquals(List.of("local_time"), agent.tools().stream().map(ToolDefinition::name).toList());
    }
}
