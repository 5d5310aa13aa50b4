package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.security.ApiKeyStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What security.yaml promises a key, checked over HTTP on the real gateway: scope, limits, hashes, expiry. */
class KeyRulesIT {

    private static final String HASH = HexFormat.of().formatHex(ApiKeyStore.sha256("hashed-secret"));

    @TempDir
    static Path configDir;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(configDir, "upstreams: []\n", Map.of("security.yaml", """
                version: 1
                api_keys:
                  - id: admin
                    key: admin-secret
                    admin: true
                  - id: user
                    key: user-secret
                  - id: limited
                    key: limited-secret
                    rate_limit: {per_minute: 3}
                  - id: hashed
                    hashed_key: %s
                  - id: lapsed
                    key: lapsed-secret
                    expires_at: 2020-01-01T00:00:00Z
                """.formatted(HASH.toUpperCase(java.util.Locale.ROOT))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void rateLimitAnswers429WithRetryAfterOncePerMinuteIsSpent() throws Exception {
        // The limit counts in minute windows; start well inside one so all four requests fall in it.
        if (LocalTime.now().getSecond() > 55) {
            Thread.sleep((61 - LocalTime.now().getSecond()) * 1000L);
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(200, get("/v1/models", "limited-secret").statusCode(), "request " + i);
        }
        HttpResponse<String> limited = get("/v1/models", "limited-secret");

        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("rate_limit_exceeded", error(limited).get("code"));
        assertEquals(200, get("/v1/models", "user-secret").statusCode(), "other keys keep their own budget");
    }

    @Test
    void adminRoutesNeedAnAdminKey() throws Exception {
        for (String path : List.of("/plugins", "/agents", "/tools", "/metrics/prometheus")) {
            HttpResponse<String> refused = get(path, "user-secret");
            assertEquals(403, refused.statusCode(), path);
            assertEquals("admin_required", error(refused).get("code"), path);
            assertEquals(200, get(path, "admin-secret").statusCode(), path);
        }
    }

    @Test
    void hashedKeyAcceptsTheSecretButNotTheHash() throws Exception {
        assertEquals(200, get("/v1/models", "hashed-secret").statusCode());
        assertEquals(401, get("/v1/models", HASH).statusCode());
    }

    @Test
    void expiredKeyIs401NamingTheExpiry() throws Exception {
        HttpResponse<String> refused = get("/v1/models", "lapsed-secret");

        assertEquals(401, refused.statusCode());
        String message = (String) error(refused).get("message");
        assertTrue(message.contains("'lapsed'") && message.contains("expired at 2020-01-01T00:00:00Z"), message);
    }

    @Test
    void requestIdIsGeneratedWhenAbsentAndDiffersPerRequest() throws Exception {
        HttpResponse<String> first = get("/v1/models", "user-secret");
        HttpResponse<String> second = get("/v1/models", "no-such-key");

        String firstId = first.headers().firstValue("x-request-id").orElseThrow();
        String secondId = second.headers().firstValue("x-request-id").orElseThrow();
        assertTrue(firstId.length() >= 16, firstId);
        assertEquals(401, second.statusCode(), "refused requests carry an id too");
        assertNotEquals(firstId, secondId);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return gateway.get(path, key);
    }

    private static Map<?, ?> error(HttpResponse<String> res) throws Exception {
        return (Map<?, ?>) Json.readObject(res.body()).get("error");
    }
}
