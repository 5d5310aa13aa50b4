package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration fails closed: each mistake an operator made (a misspelt file name, a misspelt key, a file that lost
 * its keys, the README's key on a network address) stops the start, or is refused by a refresh with the old config
 * kept, instead of opening the gateway or dropping what the file held.
 */
class FailClosedIT {

    private static final String AGENTS = """
            agents:
              - {name: helper, instructions: Be brief.}
            """;

    @TempDir
    Path configDir;

    @Test
    void aMisspeltSecurityFileNameStopsTheStartNamingTheVariable() {
        ConfigException refused = refusedStart(Map.of("GATEWAY_SECURITY_CONFIG",
                configDir.resolve("securty.yaml").toString()));
        assertTrue(refused.getMessage().contains("securty.yaml: file not found"), refused.getMessage());
        assertTrue(refused.getMessage().contains("GATEWAY_SECURITY_CONFIG"), refused.getMessage());
    }

    @Test
    void aMissingAgentsOrToolsFileStopsTheStart() {
        for (String variable : List.of("GATEWAY_AGENT_CONFIG", "GATEWAY_TOOL_CONFIG")) {
            ConfigException refused = refusedStart(Map.of(variable, configDir.resolve("nope.yaml").toString()));
            assertTrue(refused.getMessage().contains("nope.yaml: file not found"), refused.getMessage());
            assertTrue(refused.getMessage().contains(variable), refused.getMessage());
        }
    }

    @Test
    void aFileWithoutKeysStopsTheStartUnlessItSaysAuthNone() {
        ConfigException refused = refusedStart(Map.of("security.yaml", "version: 1\napi_keys: []\n"));
        assertTrue(refused.getMessage().contains("no api_keys and no GATEWAY_API_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("auth: none"), refused.getMessage());
    }

    @Test
    void misspeltKeysStopTheStartWithTheKeyMeant() {
        ConfigException security = refusedStart(Map.of("security.yaml", RunningGateway.securityYaml("""
                    rate_limt: {per_minute: 5}
                """)));
        assertTrue(security.getMessage().contains("api_keys[0].rate_limt: unknown key; did you mean `rate_limit`?"),
                security.getMessage());
        ConfigException agents = refusedStart(Map.of("agents.yaml", "agents:\n  - {name: a, toolz: [x]}\n"));
        assertTrue(agents.getMessage().contains("agents[0].toolz: unknown key; did you mean `tools`?"),
                agents.getMessage());
    }

    @Test
    void theShippedDevelopmentKeyServesThisMachineOnly() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> RunningGateway.shipped(Map.of("GATEWAY_HOST", "0.0.0.0")).close());
        assertTrue(refused.getMessage().contains("key 'dev' is the shipped development key"), refused.getMessage());
        assertTrue(refused.getMessage().contains("GATEWAY_HOST is 0.0.0.0"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Set GATEWAY_DEV_KEY"), refused.getMessage());
        assertFalse(refused.getMessage().contains("dev-secret"), "the message does not repeat the key");

        ConfigException open = refusedStart(Map.of("GATEWAY_HOST", "0.0.0.0", "security.yaml", "auth: none\n"));
        assertTrue(open.getMessage().contains("'auth: none' serves this machine only"), open.getMessage());
    }

    @Test
    void authNoneOpensTheModelsButNotTheAdminRoutesAndSaysSoAtStart() throws Exception {
        try (LogCapture log = new LogCapture();
             RunningGateway gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of("security.yaml", """
                     auth: none
                     api_keys:
                       - {id: ops, key: ops-secret, admin: true}
                     """))) {
            List<String> warned = log.lines("security.open");
            assertEquals(1, warned.size(), warned.toString());
            assertTrue(warned.getFirst().contains("auth: none"), warned.getFirst());

            assertEquals(200, gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/models")).GET()).statusCode());
            assertEquals(200, gateway.get("/v1/models", "sk-any-sdk-placeholder").statusCode());
            assertEquals(403, gateway.send(HttpRequest.newBuilder(gateway.uri("/plugins")).GET()).statusCode());
            assertEquals(403, gateway.get("/plugins", "sk-any-sdk-placeholder").statusCode());
            assertEquals(200, gateway.get("/plugins", "ops-secret").statusCode());
        }
    }

    @Test
    void everyRefreshRouteRefusesABrokenMissingOrMisspeltFileAndKeepsWhatIsInForce() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of("agents.yaml", AGENTS,
                "tools.yaml", "tools:\n  - {name: echo_it, url: 'http://127.0.0.1:9/echo'}\n"))) {
            Path agents = configDir.resolve("agents.yaml");
            Path tools = configDir.resolve("tools.yaml");

            Files.writeString(agents, "agents: [unclosed\n");
            assertRefused(refresh(gateway, "/agents/refresh"), agents + " is not valid YAML");
            Files.writeString(agents, "agents:\n  - {name: helper, instrctions: Be brief.}\n");
            assertRefused(refresh(gateway, "/agents/refresh"), "did you mean `instructions`?");
            Files.delete(agents);
            assertRefused(refresh(gateway, "/agents/refresh"), agents + ": file not found");
            assertTrue(gateway.get("/v1/models", RunningGateway.KEY).body().contains("default/helper"),
                    "the agents in force stay");

            Files.writeString(tools, "tools: {broken\n");
            assertRefused(refresh(gateway, "/tools/refresh"), tools + " is not valid YAML");
            Files.writeString(tools, "tools:\n  - {name: echo_it, url: 'http://127.0.0.1:9/echo', methd: GET}\n");
            assertRefused(refresh(gateway, "/tools/refresh"), "did you mean `method`?");
            Files.delete(tools);
            assertRefused(refresh(gateway, "/tools/refresh"), tools + ": file not found");
            assertTrue(gateway.get("/tools", RunningGateway.KEY).body().contains("echo_it"), "the tools in force stay");

            Files.writeString(configDir.resolve("security.yaml"), RunningGateway.securityYaml("""
                        tools_alowlist: ["*"]
                    """));
            assertRefused(refresh(gateway, "/security/refresh"), "did you mean `tools_allowlist`?");
            Files.writeString(configDir.resolve("security.yaml"), RunningGateway.securityYaml("""
                        expire_at: "2020-01-01T00:00:00Z"
                    """));
            assertRefused(refresh(gateway, "/security/refresh"), "did you mean `expires_at`?");
            assertEquals(200, gateway.get("/v1/models", RunningGateway.KEY).statusCode());
        }
    }

    private ConfigException refusedStart(Map<String, String> extra) {
        return assertThrows(ConfigException.class,
                () -> RunningGateway.start(configDir, "upstreams: []\n", extra).close());
    }

    private static HttpResponse<String> refresh(RunningGateway gateway, String path) throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path))
                .header("Authorization", "Bearer " + RunningGateway.KEY)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static void assertRefused(HttpResponse<String> response, String expected) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        Map<?, ?> error = (Map<?, ?>) Json.readObject(response.body()).get("error");
        assertEquals("invalid_request_error", error.get("type"), response.body());
        assertTrue(String.valueOf(error.get("message")).contains(expected), response.body());
    }
}
