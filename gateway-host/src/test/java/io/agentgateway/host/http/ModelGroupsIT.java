package io.agentgateway.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.GatewayRouting;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.config.ModelGroup;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.Glob;
import io.agentgateway.host.tools.TestCalls;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A model group over HTTP: listed like a model, guarded by its own id, failing over, naming who served. */
@ServerTest
class ModelGroupsIT {

    private static final ScriptedUpstream CLOUD = new ScriptedUpstream();
    private static final ScriptedUpstream LOCAL = new ScriptedUpstream();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final URI server;

    ModelGroupsIT(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("cloud", CLOUD);
        upstreams.put("local", LOCAL);
        Routes routes = new Routes(upstreams, List.of(), List.of(new ModelGroup("smart", ModelGroup.Strategy.WEIGHTED,
                List.of(new ModelGroup.Target("cloud", "big", 1, 1), new ModelGroup.Target("local", "small", 1, 2)),
                List.of(), 0)), Duration.ofMillis(1), new SplittableRandom(1));
        ModelCatalog catalog = new ModelCatalog();
        routes.groupEntries().forEach(catalog::register);
        ApiKeyStore keys = new ApiKeyStore(List.of(
                new ApiKey("dev", ApiKeyStore.sha256("secret"), Glob.all(List.of("smart")), 0, null, false),
                new ApiKey("direct", ApiKeyStore.sha256("direct-secret"), Glob.all(List.of("cloud/*", "local/*")),
                        0, null, false)));
        new GatewayRouting(catalog, routes, () -> keys, Services.get(MeterRegistry.class), 1 << 16, Map.of(), false)
                .configure(builder);
    }

    @BeforeEach
    void reset() {
        for (ScriptedUpstream upstream : List.of(CLOUD, LOCAL)) {
            upstream.requests.clear();
            upstream.failure = null;
        }
    }

    @Test
    void aGroupIsListedAsAModelToKeysThatMayUseItsId() throws Exception {
        String listed = get("/v1/models", "secret").body();
        assertTrue(listed.contains("\"id\":\"smart\""), listed);
        assertTrue(listed.contains("\"kind\":\"group\""), listed);
        String other = get("/v1/models", "direct-secret").body();
        assertTrue(!other.contains("\"smart\""), other);
        // Access to the targets' ids gives no access to the group: rules apply to the id the client asked for.
        assertEquals(404, post("smart", false, "direct-secret").statusCode());
    }

    @Test
    void aFailingTargetIsLeftForTheNextAndTheResponseNamesWhoServed() throws Exception {
        CLOUD.answer("from the cloud");
        HttpResponse<String> first = post("smart", false, "secret");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("cloud/big", first.headers().firstValue("x-gateway-upstream").orElse(null));
        assertEquals("big", CLOUD.requests.getFirst().get("model"));

        CLOUD.failure = new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection refused", null);
        LOCAL.answer("from here");
        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            HttpResponse<String> moved = post("smart", false, "secret");
            assertEquals(200, moved.statusCode(), moved.body());
            assertEquals("local/small", moved.headers().firstValue("x-gateway-upstream").orElse(null));
            assertEquals("smart", Json.readObject(moved.body()).get("model"), "the client sees the id it asked for");
            assertTrue(waitForLine(log, "http.request", "\"upstream\":\"local/small\""), log.lines("http.request")
                    .toString());
        }
    }

    @Test
    void aStreamNamesTheTargetOfItsFirstChunk() throws Exception {
        CLOUD.failure = new UpstreamException(UpstreamException.Kind.REJECTED, 503, "busy", Map.of(), null);
        LOCAL.answer("streamed from here");
        HttpResponse<String> res = post("smart", true, "secret");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("local/small", res.headers().firstValue("x-gateway-upstream").orElse(null));
        assertTrue(res.body().contains("[DONE]"), res.body());
    }

    private static boolean waitForLine(TestCalls.LogCapture log, String event, String part)
            throws InterruptedException {
        for (long deadline = System.currentTimeMillis() + 2000; System.currentTimeMillis() < deadline;
                Thread.sleep(10)) {
            if (log.lines(event).stream().anyMatch(line -> line.contains(part))) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.resolve(path)).header("authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String model, boolean stream, String key) throws Exception {
        String body = Json.write(Map.of("model", model, "stream", stream,
                "messages", List.of(Map.of("role", "user", "content", "hello"))));
        return CLIENT.send(HttpRequest.newBuilder(server.resolve("/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
