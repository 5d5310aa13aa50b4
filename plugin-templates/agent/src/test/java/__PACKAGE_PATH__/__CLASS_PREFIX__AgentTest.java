package __PACKAGE__;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.testkit.FakePluginContext;
import io.agentgateway.testkit.ToolContract;
import io.agentgateway.testkit.agent.AgentRunResult;
import io.agentgateway.testkit.agent.AgentRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's definition, a run of it on the gateway's engine, and its own tool held to the contract for tools. */
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

    @Test
    void callsItsToolAndAnswersFromTheResult() {
        AgentRunner runner = new AgentRunner(plugin.agents(new FakePluginContext("__PLUGIN_ID__")).getFirst())
                .script("""
                        {"responses":[
                          {"tool_calls":[{"function":{"name":"local_time","arguments":{"zone":"Asia/Tokyo"}}}]},
                          {"content":"It is 9 pm in Tokyo."}]}""");

        AgentRunResult result = runner.run("What time is it in Tokyo?");

        assertEquals("It is 9 pm in Tokyo.", result.output());
        assertEquals("default/__AGENT_ID__", result.answeredBy());
        String toolResult = runner.modelRequests().get(1).get("messages").toString();
        assertTrue(toolResult.contains("2030-01-01T21:00+09:00[Asia/Tokyo]"), toolResult);
    }
}
