package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.RootLogLevel;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GATEWAY_CORS_ORIGINS} and {@code GATEWAY_LOG_LEVEL} on the real gateway. */
class CorsAndLogLevelIT {

    private static final String UI = "https://chat.example.com";

    @TempDir
    static Path configDir;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(configDir, "upstreams: []\n",
                Map.of("GATEWAY_CORS_ORIGINS", "http://localhost:3000, " + UI + "/"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void preflightFromAListedOriginIsAnsweredWithoutAKeyAndAllowsTheKeyHeaders() throws Exception {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, x-api-key"));

        assertEquals(2, res.statusCode() / 100, "a preflight succeeds: " + res.statusCode() + " " + res.body());
        assertEquals(UI, res.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        String allowed = String.join(",", res.headers().allValues("Access-Control-Allow-Headers"))
                .toLowerCase(Locale.ROOT);
        List<String> headers = Arrays.stream(allowed.split(",")).map(String::trim).toList();
        assertTrue(headers.containsAll(List.of("authorization", "x-api-key", "content-type")), allowed);
        assertTrue(res.headers().allValues("Access-Control-Allow-Methods").contains("POST"), res.headers().toString());
    }

    @Test
    void aPreflightWithoutAKeyReachesNoRouteThatAnswersWithData() throws Exception {
        for (String origin : List.of(UI, "https://evil.example.com")) {
            HttpResponse<String> res = send(HttpRequest.newBuilder(uri("/metrics/prometheus"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "GET")
                    .header("Accept", "application/json"));
            assertTrue(res.body().isEmpty(), origin + " read an admin route without a key: " + res.body());
        }
    }

    @Test
    void realRequestsFromAListedOriginCarryTheAllowOriginHeaderOnEveryRoute() throws Exception {
        for (String path : List.of("/v1/models", "/tools", "/health", "/metrics/prometheus")) {
            HttpResponse<String> res = send(HttpRequest.newBuilder(uri(path)).header("Origin", UI)
                    .header("Authorization", "Bearer " + RunningGateway.KEY));
            assertEquals(200, res.statusCode(), path + ": " + res.body());
            assertEquals(UI, res.headers().firstValue("Access-Control-Allow-Origin").orElse(null), path);
        }
        HttpResponse<String> noKey = send(HttpRequest.newBuilder(uri("/v1/models")).header("Origin", UI));
        assertEquals(401, noKey.statusCode());
        assertEquals(UI, noKey.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "the browser must be able to read the error");
    }

    @Test
    void otherOriginsGetNoAllowOriginHeader() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpResponse<String> real = send(HttpRequest.newBuilder(uri("/v1/models"))
                .header("Origin", "https://evil.example.com").header("x-api-key", RunningGateway.KEY));
        assertTrue(real.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void logLevelWarningQuietsTheRequestLinesButKeepsWarnings() throws Exception {
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        Map<Handler, Level> handlersBefore = new java.util.HashMap<>();
        for (Handler handler : root.getHandlers()) {
            handlersBefore.put(handler, handler.getLevel());
        }
        try (LogCapture log = new LogCapture()) {
            assertEquals(Level.WARNING, RootLogLevel.apply(Map.of("GATEWAY_LOG_LEVEL", "warning")::get));
            send(HttpRequest.newBuilder(uri("/v1/models")).header("x-api-key", RunningGateway.KEY));
            // http.request is logged once the response is out, so give it time to (not) appear.
            Thread.sleep(500);
            assertTrue(log.lines("http.request").isEmpty(), log.lines("http.request").toString());

            assertEquals(Level.FINE, RootLogLevel.apply(Map.of("GATEWAY_LOG_LEVEL", "DEBUG")::get));
            send(HttpRequest.newBuilder(uri("/v1/models")).header("x-api-key", RunningGateway.KEY));
            for (int i = 0; i < 50 && log.lines("http.request").isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertFalse(log.lines("http.request").isEmpty());
            assertTrue(Arrays.stream(root.getHandlers()).allMatch(handler -> handler.getLevel() == Level.FINE),
                    "the console handler must let DEBUG lines through too");
        } finally {
            root.setLevel(before);
            handlersBefore.forEach(Handler::setLevel);
        }
        assertEquals(Level.SEVERE, RootLogLevel.apply(Map.of("GATEWAY_LOG_LEVEL", "ERROR")::get));
        root.setLevel(before);
        handlersBefore.forEach(Handler::setLevel);
        ConfigException bad = assertThrows(ConfigException.class,
                () -> RootLogLevel.apply(Map.of("GATEWAY_LOG_LEVEL", "loud")::get));
        assertTrue(bad.getMessage().contains("GATEWAY_LOG_LEVEL") && bad.getMessage().contains("loud"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return gateway.send(request);
    }

    private static URI uri(String path) {
        return gateway.uri(path);
    }
}
