package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security admin routes on the real gateway: {@code POST /security/refresh} changes keys and tool rules without a
 * restart; {@code POST /security/preview} says whether a key reaches a model and a tool, and why.
 */
class SecurityRoutesIT {

    /** GATEWAY_MAX_BODY_BYTES here: small, so that a body over it is quick to send; every other body fits. */
    private static final int MAX_BODY_BYTES = 4096;
    private static final Instant SOON = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    private static final String FIRST = """
            version: 1
            api_keys:
              - id: admin
                key: admin-secret
                admin: true
              - id: user
                key: user-secret
                allow_agents: ["default/*"]
              - id: narrow-tools
                key: narrow-tools-secret
                tools_allowlist: ["summarize_*"]
              - id: old
                key: old-secret
                expires_at: 2020-01-01T00:00:00Z
              - id: soon
                key: soon-secret
                expires_at: %s
            default:
              tools_denylist: ["http_*"]
            """.formatted(SOON);

    @TempDir
    Path configDir;
    private RunningGateway gateway;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of("security.yaml", FIRST,
                "GATEWAY_MAX_BODY_BYTES", String.valueOf(MAX_BODY_BYTES)));
    }

    @AfterEach
    void stop() {
        gateway.close();
        log.close();
    }

    @Test
    void keysExpiringWithinAWeekAreWarnedOfAtStartAndOnRefreshWithoutTheirSecrets() throws Exception {
        List<String> atStart = log.lines("api_key.expiring");
        assertEquals(2, atStart.size(), atStart.toString());
        assertTrue(atStart.stream().anyMatch(line -> line.contains("\"key_id\":\"soon\"")
                && line.contains("\"expires_at\":\"" + SOON + "\"") && line.contains("\"expired\":false")));
        assertTrue(atStart.stream().anyMatch(line -> line.contains("\"key_id\":\"old\"")
                && line.contains("\"expired\":true")));
        assertTrue(atStart.stream().noneMatch(line -> line.contains("secret")), atStart.toString());

        assertEquals(200, refresh("admin-secret").statusCode());

        assertEquals(4, log.lines("api_key.expiring").size(), "warned again on refresh");
    }

    @Test
    void refreshSwapsKeysAndListsThemWithoutSecrets() throws Exception {
        Files.writeString(configDir.resolve("security.yaml"), """
                version: 1
                api_keys:
                  - id: admin
                    key: admin-secret
                    admin: true
                  - id: newcomer
                    key: newcomer-secret
                    allow_agents: ["labs/*"]
                    rate_limit: {per_minute: 30}
                    expires_at: 2031-05-01T00:00:00Z
                """);
        assertEquals(200, get("/v1/models", "user-secret").statusCode());
        assertEquals(401, get("/v1/models", "newcomer-secret").statusCode());

        HttpResponse<String> refreshed = refresh("admin-secret");

        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertEquals(List.of(
                        Map.of("key_id", "admin", "allow_agents", List.of("*"), "rate_limit_per_minute", 0,
                                "admin", true),
                        Map.of("key_id", "newcomer", "allow_agents", List.of("labs/*"), "rate_limit_per_minute", 30,
                                "expires_at", "2031-05-01T00:00:00Z", "admin", false)),
                withoutNulls(Json.readObject(refreshed.body()).get("data")));
        assertFalse(refreshed.body().contains("secret"), refreshed.body());
        assertFalse(refreshed.body().contains(HexFormat.of().formatHex(ApiKeyStore.sha256("newcomer-secret"))));
        assertEquals(401, get("/v1/models", "user-secret").statusCode(), "a removed key stops working at once");
        assertEquals(200, get("/v1/models", "newcomer-secret").statusCode());
    }

    @Test
    void refreshSwapsTheToolRulesTheMcpEndpointApplies() throws Exception {
        assertTrue(toolsVisibleTo("user-secret").contains("word_count"));
        Files.writeString(configDir.resolve("security.yaml"), FIRST.replace("""
                    allow_agents: ["default/*"]
                """, """
                    allow_agents: ["default/*"]
                    tools_denylist: ["word_*"]
                """));

        assertEquals(200, refresh("admin-secret").statusCode());

        List<String> tools = toolsVisibleTo("user-secret");
        assertFalse(tools.contains("word_count"), tools.toString());
        assertTrue(tools.contains("summarize_text"), tools.toString());
    }

    @Test
    void brokenFileIs400NamingFileAndProblemAndTheOldKeysStay() throws Exception {
        Path file = configDir.resolve("security.yaml");
        Files.writeString(file, """
                version: 1
                api_keys:
                  - id: admin
                    hashed_key: not-hex
                """);

        HttpResponse<String> refused = refresh("admin-secret");

        assertEquals(400, refused.statusCode());
        String message = (String) ((Map<?, ?>) Json.readObject(refused.body()).get("error")).get("message");
        assertTrue(message.contains(file.toString()) && message.contains("hashed_key"), message);
        assertEquals(200, get("/v1/models", "user-secret").statusCode());

        Files.writeString(file, "api_keys: [unclosed\n");
        HttpResponse<String> invalidYaml = refresh("admin-secret");
        assertEquals(400, invalidYaml.statusCode());
        assertTrue(invalidYaml.body().contains("not valid YAML"), invalidYaml.body());

        Files.writeString(file, "version: 1\n");
        HttpResponse<String> noKeys = refresh("admin-secret");
        assertEquals(400, noKeys.statusCode(), "a reload never opens a gateway that has keys");
        assertEquals(401, get("/v1/models", "anything").statusCode());
    }

    @Test
    void refreshAndPreviewNeedAnAdminKey() throws Exception {
        assertEquals(403, refresh("user-secret").statusCode());
        assertEquals(403, preview("user-secret", "{\"key_id\":\"user\",\"model\":\"default/x\"}").statusCode());
    }

    @Test
    void previewNamesTheModelGlobThatDecides() throws Exception {
        assertPreview("{\"key_id\":\"user\",\"model\":\"default/weatheragent\"}", true,
                "matches allow_agents 'default/*' of key 'user'");
        assertPreview("{\"key_id\":\"user\",\"model\":\"labs/x\"}", false,
                "matches none of allow_agents [default/*] of key 'user'");
        assertPreview("{\"key_id\":\"old\",\"model\":\"default/x\"}", false, "expired at 2020-01-01T00:00:00Z");
    }

    @Test
    void previewNamesTheToolRuleThatDecides() throws Exception {
        assertPreview("{\"key_id\":\"narrow-tools\",\"model\":\"default/x\",\"tool\":\"summarize_text\"}",
                true, "tool 'summarize_text' is allowed");
        assertPreview("{\"key_id\":\"narrow-tools\",\"model\":\"default/x\",\"tool\":\"word_count\"}",
                false, "not in tools_allowlist of key 'narrow-tools'");
        assertPreview("{\"key_id\":\"user\",\"model\":\"default/x\",\"tool\":\"http_echo\"}", false,
                "in default.tools_denylist");
        assertPreview("{\"key_id\":\"user\",\"model\":\"labs/x\",\"tool\":\"word_count\"}", false,
                "model 'labs/x' matches none");
    }

    @Test
    void previewOfAnUnknownKeyOrABadBodyIsAClientError() throws Exception {
        HttpResponse<String> unknown = preview("admin-secret", "{\"key_id\":\"ghost\",\"model\":\"default/x\"}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("ghost"), unknown.body());
        HttpResponse<String> noModel = preview("admin-secret", "{\"key_id\":\"user\"}");
        assertEquals(400, noModel.statusCode());
        assertTrue(noModel.body().contains("\"param\":\"model\""), noModel.body());
        assertEquals(400, preview("admin-secret", "not json").statusCode());
    }

    @Test
    void previewOfABodyWithAKeySentTwiceOrTextAfterTheObjectIs400AsOnTheOpenAiRoutes() throws Exception {
        String body = "{\"key_id\":\"user\",\"model\":\"default/x\"}";
        HttpResponse<String> twice = preview("admin-secret", body.replace("}", ",\"key_id\":\"admin\"}"));
        assertEquals(400, twice.statusCode(), twice.body());
        Map<?, ?> twiceError = (Map<?, ?>) Json.readObject(twice.body()).get("error");
        assertEquals("invalid_request_error", twiceError.get("type"), twice.body());
        assertEquals("key_id", twiceError.get("param"), twice.body());
        assertTrue(twiceError.get("message").toString().contains("sets 'key_id' more than once"), twice.body());

        HttpResponse<String> after = preview("admin-secret", body + " {\"key_id\":\"admin\"}");
        assertEquals(400, after.statusCode(), after.body());
        Map<?, ?> afterError = (Map<?, ?>) Json.readObject(after.body()).get("error");
        assertEquals("invalid_request_error", afterError.get("type"), after.body());
        assertNull(afterError.get("param"), after.body());
        assertTrue(afterError.get("message").toString().contains("more than one JSON value"), after.body());
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheSettingWhetherItsLengthIsDeclaredOrItIsChunked() throws Exception {
        String big = "{\"key_id\":\"user\",\"model\":\"default/x\",\"note\":\"" + "x".repeat(MAX_BODY_BYTES)
                + "\"}";
        byte[] bigBytes = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> declared = preview("admin-secret", big);
        assertTooLarge(declared);
        // No Content-Length: the gateway stops reading at the limit rather than trusting the client to stop.
        HttpResponse<String> chunked = gateway.send(HttpRequest.newBuilder(gateway.uri("/security/override"))
                .header("x-api-key", "admin-secret").header("content-type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bigBytes))));
        assertTooLarge(chunked);

        assertPreview("{\"key_id\":\"user\",\"model\":\"default/weatheragent\"}", true,
                "matches allow_agents 'default/*' of key 'user'");
    }

    private static void assertTooLarge(HttpResponse<String> res) throws Exception {
        assertEquals(413, res.statusCode(), res.body());
        Map<?, ?> error = (Map<?, ?>) Json.readObject(res.body()).get("error");
        assertEquals("invalid_request_error", error.get("type"), res.body());
        assertEquals("request_too_large", error.get("code"), res.body());
        assertTrue(error.get("message").toString().contains("larger than " + MAX_BODY_BYTES + " bytes")
                && error.get("message").toString().contains("GATEWAY_MAX_BODY_BYTES"), res.body());
    }

    private void assertPreview(String body, boolean allowed, String reasonPart) throws Exception {
        HttpResponse<String> res = preview("admin-secret", body);
        assertEquals(200, res.statusCode(), res.body());
        Map<String, Object> answer = Json.readObject(res.body());
        assertEquals(allowed, answer.get("allowed"), res.body());
        assertTrue(((String) answer.get("reason")).contains(reasonPart), res.body());
    }

    private HttpResponse<String> preview(String key, String body) throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri("/security/preview")).header("x-api-key", key)
                .header("content-type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private List<String> toolsVisibleTo(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + gateway.port())
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(Json.MAPPER))
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("x-api-key", key))
                .build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build()) {
            client.initialize();
            return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        }
    }

    private HttpResponse<String> refresh(String key) throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri("/security/refresh")).header("x-api-key", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path)).header("x-api-key", key).GET());
    }

    private static List<Map<Object, Object>> withoutNulls(Object list) {
        return ((List<?>) list).stream().map(item -> {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>((Map<?, ?>) item);
            copy.values().removeIf(java.util.Objects::isNull);
            return copy;
        }).toList();
    }
}
