package io.agentgateway.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.GatewayRouting;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.Glob;
import io.agentgateway.host.store.UsageRecord;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.agentgateway.host.usage.StalledStore;
import io.agentgateway.host.usage.UsageWriter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /usage} on the gateway's routing, over a usage writer whose database stalls. */
class UsageServiceIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aUsageQueryWhileTheDatabaseStallsTheWritesIsA503TheClientMayRetry() throws Exception {
        StalledStore stalled = new StalledStore();
        UsageWriter writer = stalled.writer(16, Duration.ofSeconds(1));
        ApiKeyStore keys = new ApiKeyStore(List.of(new ApiKey("admin", ApiKeyStore.sha256("admin-secret"),
                Glob.all(List.of("*")), 0, null, true)));
        UpstreamRegistry upstreams = new UpstreamRegistry();
        GatewayRouting routing = new GatewayRouting(new ModelCatalog(), Routes.of(upstreams), () -> keys,
                Services.get(MeterRegistry.class), 1024, Map.of("/usage", new UsageService(writer, "EUR")), false);
        WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(routing::configure).build().start();
        try {
            writer.add(new UsageRecord(Instant.now(), "req-1", "admin", "up/m", "up", null, 10, 5, 0.001));
            stalled.awaitWriting();

            HttpResponse<String> refused = getUsage(server);
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("1", refused.headers().firstValue("retry-after").orElse(null), "when to come back");
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) Json.readObject(refused.body()).get("error");
            assertEquals("usage_not_written", error.get("code"));
            assertEquals("api_error", error.get("type"));
            String message = (String) error.get("message");
            assertTrue(message.contains("not yet written") && message.contains("again later"), message);

            stalled.close();
            HttpResponse<String> answered = getUsage(server);
            assertEquals(200, answered.statusCode(), "once the database answers, so does the query: "
                    + answered.body());
        } finally {
            stalled.close();
            writer.close();
            server.stop();
        }
    }

    /** GET /usage, answered within 10 s or failed: the route itself must not hang on the database. */
    private static HttpResponse<String> getUsage(WebServer server) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/usage"))
                .header("Authorization", "Bearer admin-secret").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
