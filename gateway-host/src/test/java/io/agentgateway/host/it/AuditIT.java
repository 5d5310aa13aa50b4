package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.plugins.CapturedEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail and {@code POST /security/override} on the real gateway: every admin action, refused ones too, is
 * logged as {@code admin.audit}, kept in the database across a restart, and listed by {@code GET /audit}; an override
 * lets a key use a model until it expires.
 */
class AuditIT {

    private static final String USER = """
              - id: user
                key: user-secret
                allow_agents: ["default/*"]
            """;

    @Test
    void adminActionsAreAuditedAndAnOverrideWidensAKeyForAWhile(@TempDir Path configDir, @TempDir Path data)
            throws Exception {
        String chat = """
                {"model":"mock/mock-model","messages":[{"role":"user","content":"hi"}]}""";
        Map<String, String> config = Map.of("security.yaml", RunningGateway.securityYaml(USER),
                "GATEWAY_DATA_DIR", data.toString());
        try (MockUpstreamProcess mock = MockUpstreamProcess.start()) {
            String upstreams = RunningGateway.mockUpstream(mock, 5);
            try (RunningGateway gateway = RunningGateway.start(configDir, upstreams, config);
                 CapturedEvents events = new CapturedEvents()) {
                HttpResponse<String> refresh = post(gateway, "/security/refresh", RunningGateway.KEY, "");
                assertEquals(200, refresh.statusCode(), refresh.body());
                assertEquals(403, post(gateway, "/security/refresh", "user-secret", "").statusCode());

                assertEquals(404, gateway.chat("user-secret", chat).statusCode(), "not allowed yet");
                assertEquals(400, post(gateway, "/security/override", RunningGateway.KEY,
                        "{\"key_id\":\"user\",\"agent\":\"mock/*\",\"ttl_seconds\":0}").statusCode());
                HttpResponse<String> granted = post(gateway, "/security/override", RunningGateway.KEY,
                        "{\"key_id\":\"user\",\"agent\":\"mock/*\",\"ttl_seconds\":600}");
                assertEquals(200, granted.statusCode(), granted.body());
                assertTrue(Json.readObject(granted.body()).get("expires_at") instanceof String);
                assertEquals(200, gateway.chat("user-secret", chat).statusCode(), "allowed by the override");
                HttpResponse<String> preview = post(gateway, "/security/preview", RunningGateway.KEY,
                        "{\"key_id\":\"user\",\"model\":\"mock/mock-model\"}");
                assertEquals(true, Json.readObject(preview.body()).get("allowed"), preview.body());

                List<Map<String, Object>> audit = audit(gateway, "");
                assertEquals(List.of("security.preview", "security.override", "security.override",
                                "security.refresh", "security.refresh"),
                        audit.stream().map(event -> event.get("action")).toList());
                assertEquals(List.of("ok", "ok", "failed", "refused", "ok"),
                        audit.stream().map(event -> event.get("result")).toList());
                assertEquals(List.of("it", "it", "it", "user", "it"),
                        audit.stream().map(event -> event.get("key_id")).toList());
                assertEquals("user -> mock/*", audit.get(1).get("target"));
                assertEquals(refresh.headers().firstValue("x-request-id").orElseThrow(),
                        audit.get(4).get("request_id"));
                assertEquals(1, audit(gateway, "?key_id=user").size());
                assertEquals(2, audit(gateway, "?action=security.override&limit=5").size());
                assertEquals(400, gateway.get("/audit?limit=100000", RunningGateway.KEY).statusCode());

                List<Map<String, Object>> logged = events.await("admin.audit", 5);
                assertEquals("refused", logged.get(1).get("result"));
                assertEquals(403, ((Number) logged.get(1).get("status")).intValue());
            }
            try (RunningGateway restarted = RunningGateway.start(configDir, upstreams, config)) {
                assertEquals(5, audit(restarted, "").size());
                assertEquals(404, restarted.chat("user-secret", chat).statusCode(), "overrides end with the process");
            }
        }
    }

    private static HttpResponse<String> post(RunningGateway gateway, String path, String key, String body)
            throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> audit(RunningGateway gateway, String query) throws Exception {
        HttpResponse<String> response = gateway.get("/audit" + query, RunningGateway.KEY);
        assertEquals(200, response.statusCode(), response.body());
        return (List<Map<String, Object>>) Json.readObject(response.body()).get("data");
    }
}
