package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.GuardrailResult;
import io.agentgateway.api.agent.InputGuardrail;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.GatewayRouting;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.http.AgentsService;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.Glob;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agents behind the real HTTP layer on a loopback socket, with an in-process upstream. */
@ServerTest
class AgentHttpIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ScriptedUpstream UPSTREAM = new ScriptedUpstream();
    private final URI server;

    AgentHttpIT(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("mock", UPSTREAM);
        ModelCatalog catalog = new ModelCatalog();
        ToolManager tools = new ToolManager(Map::of, ToolAccessRules.ALLOW_ALL, RuntimeFixture.METERS);
        Map<String, String> env = Map.of("GATEWAY_DEFAULT_UPSTREAM", "mock", "GATEWAY_DEFAULT_MODEL", "test-model");
        AgentRegistry registry = new AgentRegistry(new AgentEngine(tools, RuntimeFixture.METERS), Routes.of(upstreams), tools,
                catalog, env::get);
        ToolDefinition weather = new ToolDefinition("get_weather", "Weather", null, (args, ctx) -> "rain");
        registry.register("weather", AgentHttpIT.class.getClassLoader(), List.of(
                AgentDefinition.builder("WeatherAgent").description("Weather answers").tool(weather)
                        .metadata("max_tool_hops", 1).build(),
                AgentDefinition.builder("Guarded").inputGuardrail(new InputGuardrail("no_secrets",
                        (ctx, messages) -> GuardrailResult.trip("no secrets please"))).build()));
        ApiKeyStore keys = new ApiKeyStore(List.of(
                new ApiKey("admin", ApiKeyStore.sha256("secret"), Glob.all(List.of("*")), 0, null, true)));
        new GatewayRouting(catalog, Routes.of(upstreams), () -> keys, RuntimeFixture.METERS, 1 << 20,
                Map.of("/agents", new AgentsService(registry, Map::of)), false).configure(builder);
    }

    @Test
    void anAgentIsListedAsAModelAndAnswersWithItsToolsHidden() throws Exception {
        Map<String, Object> models = Json.readObject(get("/v1/models").body());
        assertTrue(models.toString().contains("id=default/weatheragent"), models.toString());
        assertTrue(models.toString().contains("description=Weather answers"), models.toString());
        UPSTREAM.toolCalls(call("c1", "get_weather", "{}")).answer("Rain today.");

        HttpResponse<String> res = post("{\"model\":\"default/weatheragent\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Weather?\"}]}");

        assertEquals(200, res.statusCode());
        Map<String, Object> body = Json.readObject(res.body());
        assertEquals("default/weatheragent", body.get("model"));
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) body.get("choices")).get(0);
        assertEquals("stop", choice.get("finish_reason"));
        assertEquals(Map.of("role", "assistant", "content", "Rain today."), choice.get("message"));
        assertEquals("default/weatheragent", ((Map<?, ?>) body.get("agent_run")).get("answered_by"));
    }

    @Test
    void aStreamCarriesProgressAsCommentsAndEndsWithDone() throws Exception {
        UPSTREAM.toolCalls(call("c1", "get_weather", "{}")).answer("Rain today.");

        HttpResponse<String> res = post("{\"model\":\"default/weatheragent\",\"stream\":true,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Weather?\"}]}");

        assertEquals(200, res.statusCode());
        String body = res.body();
        assertTrue(body.startsWith(": tool get_weather started\n\n: tool get_weather finished\n\n"), body);
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        assertFalse(body.contains("tool_calls"), body);
        StringBuilder text = new StringBuilder();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: {")) {
                Map<String, Object> chunk = Json.readObject(line.substring(6));
                assertEquals("default/weatheragent", chunk.get("model"));
                Object content = ((Map<?, ?>) ((Map<?, ?>) ((List<?>) chunk.get("choices")).get(0)).get("delta"))
                        .get("content");
                text.append(content == null ? "" : content);
            }
        }
        assertEquals("Rain today.", text.toString());
    }

    @Test
    void guardrailTripsAndLimitsAreOpenAiErrorsWithTheirStatus() throws Exception {
        HttpResponse<String> guarded = post("{\"model\":\"default/guarded\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, guarded.statusCode());
        Map<?, ?> error = (Map<?, ?>) Json.readObject(guarded.body()).get("error");
        assertEquals("input_guardrail_tripped", error.get("code"));

        UPSTREAM.toolCalls(call("c1", "get_weather", "{}")).toolCalls(call("c2", "get_weather", "{}"));
        HttpResponse<String> limited = post("{\"model\":\"default/weatheragent\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(422, limited.statusCode());
        assertTrue(limited.body().contains("max_tool_hops limit of 1"), limited.body());
    }

    @Test
    void theAdminRouteListsAgentsInTheShapeItsClientsKnow() throws Exception {
        Map<String, Object> body = Json.readObject(get("/agents").body());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) body.get("data")).get(0);
        assertEquals("default/weatheragent", first.get("qualified_name"));
        assertEquals("plugin", first.get("kind"));
        assertEquals("mock", first.get("upstream"));
        assertEquals(List.of("get_weather"), first.get("tools"));
    }

    private HttpResponse<String> post(String json) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer secret")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.resolve(path))
                .header("Authorization", "Bearer secret").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
