package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A model that sends tool arguments which are not a JSON object (cut off, an array, plain text): the tool does not
 * run, the model is told why in the tool's answer and may try again, and the run goes on.
 */
class MalformedToolArgumentsTest {

    private final RuntimeFixture fixture = new RuntimeFixture();

    @Test
    void argumentsThatAreNotAJsonObjectNeverReachTheToolAndTheModelIsTold() throws Exception {
        List<Map<String, Object>> ran = new CopyOnWriteArrayList<>();
        ToolDefinition weather = new ToolDefinition("get_weather", "weather", Map.of("type", "object"),
                (args, ctx) -> {
                    ran.add(args);
                    return "sunny";
                });
        AgentDefinition agent = AgentDefinition.builder("a").tool(weather).build();
        fixture.upstream.toolCalls(call("c1", "get_weather", "{\"city\": \"Par"),
                        call("c2", "get_weather", "[\"Paris\"]"),
                        call("c3", "get_weather", "Paris please"))
                .toolCalls(call("c4", "get_weather", "{\"city\":\"Paris\"}"))
                .answer("sunny in Paris");

        RunResult result = fixture.complete(agent, "Weather in Paris?");

        assertEquals("sunny in Paris", result.output());
        assertEquals(List.of(Map.of("city", "Paris")), ran, "only the well-formed call ran");
        List<?> messages = (List<?>) fixture.upstream.requests.get(1).get("messages");
        int n = messages.size();
        for (int i = n - 3; i < n; i++) {
            Map<?, ?> answer = (Map<?, ?>) messages.get(i);
            assertEquals("tool", answer.get("role"));
            assertTrue(((String) answer.get("content")).contains("The arguments are not a JSON object"),
                    answer.toString());
        }
        assertEquals("c1", ((Map<?, ?>) messages.get(n - 3)).get("tool_call_id"));
    }

    @Test
    void emptyArgumentsAreAnEmptyObject() throws Exception {
        List<Map<String, Object>> ran = new CopyOnWriteArrayList<>();
        ToolDefinition now = new ToolDefinition("now", "time", Map.of("type", "object"), (args, ctx) -> {
            ran.add(args);
            return "noon";
        });
        AgentDefinition agent = AgentDefinition.builder("a").tool(now).build();
        fixture.upstream.toolCalls(call("c1", "now", "")).answer("it is noon");

        assertEquals("it is noon", fixture.complete(agent, "time?").output());
        assertEquals(List.of(Map.of()), ran);
    }
}
