package io.agentgateway.host.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.http.RequestLogFilter;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ToolAccessRules;
import io.agentgateway.host.tools.ToolManager;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an MCP client gets back from the gateway's endpoint for a wrong message: a JSON-RPC error, never a 500. */
@ServerTest
class McpEndpointErrorsIT {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ToolManager MANAGER = new ToolManager(Map::of, ToolAccessRules.ALLOW_ALL,
            Metrics.createMeterRegistry());
    private static final McpEndpoint ENDPOINT = new McpEndpoint(MANAGER, request -> ApiKey.OPEN, MAX_BODY_BYTES);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI mcp;

    McpEndpointErrorsIT(URI server) {
        this.mcp = server.resolve("/mcp");
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        MANAGER.registerPluginTools("demo-plugin", List.of(new ToolDefinition("shout", "Upper-cases text",
                Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"))),
                (args, ctx) -> String.valueOf(args.get("text")).toUpperCase())));
        routing.addFilter(new RequestLogFilter(Metrics.createMeterRegistry())).register("/mcp", ENDPOINT);
    }

    @AfterAll
    static void close() {
        ENDPOINT.close();
        MANAGER.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(mcp)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A valid tools/call whose text argument makes the body about {@code bytes} long. */
    private static String callOfSize(int bytes) {
        return "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"shout\","
                + " \"arguments\": {\"text\": \"" + "a".repeat(bytes) + "\"}}}";
    }

    private static void assertTooLarge(HttpResponse<String> response) throws Exception {
        assertEquals(413, response.statusCode(), response.body());
        Map<String, Object> answer = Json.readObject(response.body());
        assertEquals("2.0", answer.get("jsonrpc"));
        assertTrue(String.valueOf(answer.get("error")).contains("GATEWAY_MAX_BODY_BYTES"), response.body());
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() throws Exception {
        assertTooLarge(post(callOfSize(2 * 1024 * 1024)));
    }

    @Test
    void streamedBodyWithoutLengthIsReadOnlyUpToTheLimit() throws Exception {
        // no Content-Length to refuse up front: the endpoint has to stop reading at the limit by itself
        byte[] big = callOfSize(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        assertTooLarge(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
    }

    @Test
    void bodyJustUnderTheLimitIsServed() throws Exception {
        HttpResponse<String> response = post(callOfSize(MAX_BODY_BYTES - 200));
        assertEquals(200, response.statusCode(), response.body().substring(0, 200));
        assertTrue(response.body().contains("AAAA"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body |  | -32700 | empty |
            malformed JSON | {"jsonrpc": "2.0", "id": 1, | -32700 | not valid JSON |
            body null | null | -32600 | JSON object |
            body an array | [{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}] | -32600 | one JSON-RPC |
            no method | {"jsonrpc": "2.0", "id": 1} | -32600 | 'method' | 1
            wrong jsonrpc | {"jsonrpc": "1.0", "id": 1, "method": "tools/list"} | -32600 | '2.0' | 1
            id an object | {"jsonrpc": "2.0", "id": {}, "method": "tools/list"} | -32600 | 'id' |
            initialize no params | {"jsonrpc": "2.0", "id": 1, "method": "initialize"} | -32602 | 'params' | 1
            call without params | {"jsonrpc": "2.0", "id": 1, "method": "tools/call"} | -32602 | 'params' | 1
            call without name | {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {}} | -32602 | 'params.name' | 1
            arguments not object | {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "shout", "arguments": [1]}} | -32602 | 'params.arguments' | 1
            """)
    void clientMistakeIsA400WithAJsonRpcErrorNamingTheFix(String mistake, String body, int code, String hint,
            Integer id) throws Exception {
        HttpResponse<String> response = post(body == null ? "" : body);
        assertEquals(400, response.statusCode(), response.body());
        Map<String, Object> answer = Json.readObject(response.body());
        assertEquals("2.0", answer.get("jsonrpc"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) answer.get("error");
        assertEquals(code, error.get("code"), response.body());
        assertTrue(String.valueOf(error.get("message")).contains(hint), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
        assertTrue(answer.containsKey("id"), response.body());
        assertEquals(id, answer.get("id"), "the error answers the request it names, when its id could be read");
    }
}
