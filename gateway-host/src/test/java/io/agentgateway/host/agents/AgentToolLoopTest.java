package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentTool;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentToolLoopTest {

    private final RuntimeFixture fixture = new RuntimeFixture();

    private static final Map<String, Object> CITY = Map.of("type", "object",
            "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"));

    @Test
    void runsTheToolTheModelAsksForAndFeedsItsResultBack() throws Exception {
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        ToolDefinition weather = new ToolDefinition("get_weather", "weather", CITY, (args, ctx) -> {
            seen.add(args);
            return "{\"temp_c\":21}";
        });
        AgentDefinition agent = AgentDefinition.builder("WeatherAgent").instructions("Be brief.").tool(weather).build();
        fixture.upstream.toolCalls(call("call_1", "get_weather", "{\"city\":\"Paris\"}")).answer("21 C in Paris");

        RunResult result = fixture.complete(agent, "Weather in Paris?");

        assertEquals("21 C in Paris", result.output());
        assertEquals(List.of(Map.of("city", "Paris")), seen);
        Map<String, Object> second = fixture.upstream.requests.get(1);
        List<?> messages = (List<?>) second.get("messages");
        assertEquals(Map.of("role", "system", "content", "Be brief."), messages.get(0));
        Map<?, ?> toolMessage = (Map<?, ?>) messages.get(messages.size() - 1);
        assertEquals("tool", toolMessage.get("role"));
        assertEquals("call_1", toolMessage.get("tool_call_id"));
        assertEquals("{\"temp_c\":21}", toolMessage.get("content"));
        assertEquals("test-model", second.get("model"));
        assertEquals(30L, result.usage().get("total_tokens"));
    }

    @Test
    void runsSeveralToolCallsOfOneTurnAtTheSameTime() throws Exception {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        ToolDefinition slow = new ToolDefinition("slow", "", CITY, (args, ctx) -> {
            bothRunning.await(5, TimeUnit.SECONDS); // only passes when the other call runs concurrently
            return "done " + args.get("city");
        });
        AgentDefinition agent = AgentDefinition.builder("a").tool(slow).build();
        fixture.upstream.toolCalls(call("c1", "slow", "{\"city\":\"A\"}"), call("c2", "slow", "{\"city\":\"B\"}"))
                .answer("both done");

        RunResult result = fixture.complete(agent, "go");

        assertEquals("both done", result.output());
        assertEquals(2, result.toolCalls());
        List<?> messages = (List<?>) fixture.upstream.requests.get(1).get("messages");
        assertEquals("done A", ((Map<?, ?>) messages.get(messages.size() - 2)).get("content"));
        assertEquals("done B", ((Map<?, ?>) messages.get(messages.size() - 1)).get("content"));
    }

    @Test
    void aFailingToolOrBadArgumentsBecomeAnErrorTheModelSees() throws Exception {
        ToolDefinition broken = new ToolDefinition("broken", "", CITY, (args, ctx) -> {
            throw new IllegalStateException("service down");
        });
        AgentDefinition agent = AgentDefinition.builder("a").tool(broken).build();
        fixture.upstream.toolCalls(call("c1", "broken", "{\"city\":\"A\"}"), call("c2", "broken", "{}"),
                call("c3", "nope", "{}")).answer("sorry");

        assertEquals("sorry", fixture.complete(agent, "go").output());
        List<?> messages = (List<?>) fixture.upstream.requests.get(1).get("messages");
        int n = messages.size();
        assertTrue(((String) ((Map<?, ?>) messages.get(n - 3)).get("content")).contains("service down"));
        assertTrue(((String) ((Map<?, ?>) messages.get(n - 2)).get("content"))
                .contains("required property 'city' not found"));
        assertTrue(((String) ((Map<?, ?>) messages.get(n - 1)).get("content")).contains("no tool named 'nope'"));
    }

    @Test
    void stopsWithAnErrorNamingMaxToolHops() {
        ToolDefinition echo = new ToolDefinition("echo", "", null, (args, ctx) -> "again");
        AgentDefinition agent = AgentDefinition.builder("looper").tool(echo).metadata("max_tool_hops", 2).build();
        for (int i = 0; i < 5; i++) {
            fixture.upstream.toolCalls(call("c" + i, "echo", "{}"));
        }

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(agent, "go"));

        assertEquals(422, e.status());
        assertEquals("max_tool_hops_exceeded", e.code());
        assertTrue(e.getMessage().contains("max_tool_hops limit of 2"), e.getMessage());
        assertEquals(3, fixture.upstream.requests.size());
    }

    @Test
    void stopsWithAnErrorNamingMaxTurns() {
        ToolDefinition echo = new ToolDefinition("echo", "", null, (args, ctx) -> "again");
        AgentDefinition agent = AgentDefinition.builder("looper").tool(echo)
                .policy(ExecutionPolicy.DEFAULT.withMaxTurns(2)).build();
        for (int i = 0; i < 5; i++) {
            fixture.upstream.toolCalls(call("c" + i, "echo", "{}"));
        }

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(agent, "go"));

        assertEquals("max_turns_exceeded", e.code());
        assertTrue(e.getMessage().contains("max_turns limit of 2"), e.getMessage());
    }

    @Test
    void sendsPolicySettingsAndForcesToolChoiceOnlyUntilTheFirstToolRound() throws Exception {
        ToolDefinition clock = new ToolDefinition("clock", "", null, (args, ctx) -> "noon");
        AgentDefinition agent = AgentDefinition.builder("a").tool(clock)
                .policy(ExecutionPolicy.DEFAULT.withToolChoice("clock").withMaxCompletionTokens(100)).build();
        fixture.upstream.toolCalls(call("c1", "clock", "{}")).answer("It is noon");

        fixture.complete(agent, RuntimeFixture.request("time?", io.agentgateway.api.Cancellation.NONE, Map.of("temperature", 0.2, "max_tokens", 50, "tools", List.of("client tool ignored"))));

        Map<String, Object> first = fixture.upstream.requests.get(0);
        assertEquals(Map.of("type", "function", "function", Map.of("name", "clock")), first.get("tool_choice"));
        assertEquals(50, first.get("max_completion_tokens"));
        assertEquals(0.2, first.get("temperature"));
        assertTrue(!first.containsKey("max_tokens"));
        assertTrue(!fixture.upstream.requests.get(1).containsKey("tool_choice"));
    }

    @Test
    void agentsUsedAsToolsFanOutInParallel() throws Exception {
        CyclicBarrier bothProposing = new CyclicBarrier(2);
        fixture.upstream.toolCalls(call("c1", "panel", "{\"input\":\"ideas?\"}"));
        for (int i = 0; i < 2; i++) {
            fixture.upstream.respond(request -> {
                try {
                    bothProposing.await(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("proposers did not run in parallel", e);
                }
                String system = String.valueOf(((Map<?, ?>) ((List<?>) request.body().get("messages")).get(0))
                        .get("content"));
                return ScriptedUpstream.message("idea from " + system, List.of());
            });
        }
        fixture.upstream.answer("merged");
        AgentDefinition one = AgentDefinition.builder("one").instructions("first").build();
        AgentDefinition two = AgentDefinition.builder("two").instructions("second").build();
        AgentDefinition lead = AgentDefinition.builder("lead").tool(AgentTool.of("panel", "ask both", one, two))
                .build();

        RunResult result = fixture.complete(lead, "ideas?");

        assertEquals("merged", result.output());
        List<?> messages = (List<?>) fixture.upstream.requests.get(3).get("messages");
        Map<String, Object> answers = Json.readObject((String) ((Map<?, ?>) messages.get(messages.size() - 1))
                .get("content"));
        assertEquals(Map.of("one", "idea from first", "two", "idea from second"), answers);
    }
}
