package io.agentgateway.host.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.http.RequestLogFilter;
import io.agentgateway.host.http.ToolsService;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.Glob;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.TestCalls;
import io.agentgateway.host.tools.ToolInfo;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.host.tools.ToolOutcome;
import io.helidon.http.HeaderNames;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's MCP endpoint and admin routes on a real server, used by the official MCP Java SDK client. Keys are
 * resolved from {@code x-api-key} by a stand-in for the gateway's auth filter; no key is the open gateway.
 */
@ServerTest
class McpEndpointIT {

    private static final Map<String, String> KEYS = Map.of("full-secret", "full", "narrow-secret", "narrow");
    private static final ToolManager MANAGER = new ToolManager(Map::of, ToolAccessRules.fromSecurityYaml(Map.of(
            "api_keys", List.of(Map.of("id", "narrow", "tools_allowlist", List.of("shout"))))),
            Metrics.createMeterRegistry());
    private static final McpEndpoint ENDPOINT = new McpEndpoint(MANAGER,
            request -> request.headers().first(HeaderNames.create("x-api-key")).map(KEYS::get)
                    .map(McpEndpointIT::key).orElse(ApiKey.OPEN), 1 << 20);

    private final URI server;

    McpEndpointIT(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        MANAGER.registerPluginTools("demo-plugin", List.of(
                new ToolDefinition("shout", "Upper-cases text", Map.of("type", "object", "required", List.of("text"),
                        "properties", Map.of("text", Map.of("type", "string"))),
                        (args, ctx) -> ((String) args.get("text")).toUpperCase() + " key=" + ctx.keyId()),
                new ToolDefinition("whisper", "Lower-cases text", null,
                        (args, ctx) -> String.valueOf(args.get("text")).toLowerCase())));
        routing.addFilter(new RequestLogFilter(Metrics.createMeterRegistry()))
                .register("/mcp", ENDPOINT).register("/tools", new ToolsService(MANAGER));
    }

    private static ApiKey key(String id) {
        return new ApiKey(id, new byte[32], List.of(Glob.of("*")), 0, null, false);
    }

    @AfterAll
    static void close() {
        ENDPOINT.close();
        MANAGER.close();
    }

    private McpSyncClient client(String apiKey) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(server.toString().replaceAll("/$", ""))
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(Json.MAPPER))
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    if (apiKey != null) {
                        request.header("x-api-key", apiKey);
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }

    @Test
    void sdkClientListsAndCallsGatewayTools() {
        try (McpSyncClient client = client("full-secret")) {
            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
            assertEquals(List.of("shout", "whisper"), names);
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("shout",
                    Map.of("text", "hi")));
            assertEquals(Boolean.FALSE, result.isError());
            assertEquals("HI key=full", ((McpSchema.TextContent) result.content().get(0)).text());
        }
    }

    @Test
    void openGatewayCallsToolsWithoutAKeyId() {
        // no key configured: tools see no key id (ToolContext's contract), and the default tool rules apply
        try (McpSyncClient client = client(null)) {
            assertEquals(2, client.listTools().tools().size());
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("shout",
                    Map.of("text", "hi")));
            assertEquals("HI key=null", ((McpSchema.TextContent) result.content().get(0)).text());
        }
    }

    @Test
    void keyAllowlistFiltersTheListAndRefusesTheCallAsIfTheToolDidNotExist() throws Exception {
        try (McpSyncClient client = client("narrow-secret")) {
            assertEquals(List.of("shout"), client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
        }
        // a tool the key may not call answers exactly as one that does not exist: no name leaks
        String refused = callTool("narrow-secret", "whisper");
        String missing = callTool("narrow-secret", "no_such_tool");
        assertEquals(missing.replace("no_such_tool", "NAME"), refused.replace("whisper", "NAME"));
        assertTrue(callTool("full-secret", "whisper").contains("\"result\""), "the full key still calls it");
    }

    private String callTool(String apiKey, String tool) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.resolve("/mcp"))
                .header("x-api-key", apiKey)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\":"
                        + " \"tools/call\", \"params\": {\"name\": \"" + tool + "\", \"arguments\": {\"text\": \"x\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void schemaViolationIsAnErrorResultNotAProtocolError() {
        try (McpSyncClient client = client("full-secret")) {
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("shout", Map.of()));
            assertEquals(Boolean.TRUE, result.isError());
            assertTrue(((McpSchema.TextContent) result.content().get(0)).text().contains("invalid_tool_arguments"));
        }
    }

    @Test
    void streamableHttpMcpServerInToolsYamlIsDiscoveredAndCalled() {
        Map<String, Object> toolsYaml = Map.of("mcp_servers", List.of(Map.of("name", "upstream-gateway",
                "url", server.resolve("/mcp").toString(), "headers", Map.of("x-api-key", "narrow-secret"),
                "tool_prefix", "remote_")));
        try (ToolManager other = new ToolManager(() -> toolsYaml, ToolAccessRules.ALLOW_ALL, Metrics.createMeterRegistry())) {
            other.start();
            assertEquals(List.of("remote_shout"), other.list().stream().map(ToolInfo::name).toList());
            ToolOutcome outcome = other.invoke("remote_shout", Map.of("text", "via http"), TestCalls.as(null, null));
            assertEquals("VIA HTTP key=narrow", outcome.text());
        }
    }

    @Test
    void toolCallsCarryTheRequestIdTheGatewayAssigned() throws Exception {
        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            HttpResponse<String> forged = callShout("forged id\twith a tab");
            String assigned = forged.headers().firstValue("x-request-id").orElseThrow();
            HttpResponse<String> sane = callShout("client-req-42");
            assertEquals(200, forged.statusCode(), forged.body());
            List<String> lines = log.lines("tool.invoke");
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("\"request_id\":\"" + assigned + "\""), lines.get(0));
            assertFalse(lines.get(0).contains("forged"), "an unchecked header value reached the log: " + lines.get(0));
            assertEquals(200, sane.statusCode(), sane.body());
            assertTrue(lines.get(1).contains("\"request_id\":\"client-req-42\""), lines.get(1));
        }
    }

    private HttpResponse<String> callShout(String requestId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.resolve("/mcp"))
                .header("x-request-id", requestId).header("x-api-key", "full-secret")
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\":"
                        + " \"tools/call\", \"params\": {\"name\": \"shout\", \"arguments\": {\"text\": \"hi\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminRoutesListAndRefreshTools() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = server.toString().replaceAll("/$", "");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/tools")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode());
        Map<String, Object> body = Json.readObject(list.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) body.get("data")).get(0);
        assertEquals("shout", first.get("name"));
        assertEquals("local", first.get("provider"));
        assertEquals("demo-plugin", first.get("source"));
        assertTrue(first.get("schema") instanceof Map<?, ?>);
        HttpResponse<String> refresh = http.send(HttpRequest.newBuilder(URI.create(base + "/tools/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, refresh.statusCode());
        assertTrue(refresh.body().contains("\"whisper\""), refresh.body());
    }
}
