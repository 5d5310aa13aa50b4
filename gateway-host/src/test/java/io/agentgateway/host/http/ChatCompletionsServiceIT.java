package io.agentgateway.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.GatewayRouting;
import io.agentgateway.host.ScriptedUpstream;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.ApiKeyStore;
import io.agentgateway.host.security.Glob;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import io.agentgateway.host.tools.TestCalls;
import io.agentgateway.host.routing.Routes;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat completions route against an in-process upstream: protocol shape, errors, streaming rules. */
@ServerTest
class ChatCompletionsServiceIT {

    private static final ScriptedUpstream UPSTREAM = new ScriptedUpstream();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final URI server;

    ChatCompletionsServiceIT(URI server) {
        this.server = server;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder builder) {
        UpstreamRegistry upstreams = new UpstreamRegistry();
        upstreams.put("local", UPSTREAM);
        ModelCatalog catalog = new ModelCatalog();
        Routes routes = Routes.of(upstreams);
        catalog.register(new ModelEntry("local/m1", "local", ModelKind.UPSTREAM, "", Map.of(),
                routes.single("local", "m1")));
        ApiKeyStore keys = new ApiKeyStore(List.of(
                new ApiKey("dev", ApiKeyStore.sha256("secret"), Glob.all(List.of("*")), 0, null, false),
                new ApiKey("narrow", ApiKeyStore.sha256("narrow-secret"), Glob.all(List.of("other/*")), 0, null,
                        false)));
        new GatewayRouting(catalog, routes, () -> keys, Services.get(MeterRegistry.class), 1024, Map.of(), false)
                .configure(builder);
    }

    @BeforeEach
    void reset() {
        UPSTREAM.requests.clear();
        UPSTREAM.failure = null;
        UPSTREAM.failureAfterChunks = null;
        UPSTREAM.thinkMillis = 0;
        UPSTREAM.bugAfterChunks = null;
        UPSTREAM.fatal = null;
        UPSTREAM.completion = Map.of("id", "cmpl-1", "object", "chat.completion", "created", 1, "model", "m1",
                "system_fingerprint", "fp_1",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", "hi"))),
                "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2));
    }

    @Test
    void completionPassesUnknownFieldsBothWaysAndShowsTheRequestedModel() throws Exception {
        HttpResponse<String> res = post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"top_k\":7,\"repeat_penalty\":1.1}", "secret");
        assertEquals(200, res.statusCode());
        Map<String, Object> body = Json.readObject(res.body());
        assertEquals("local/m1", body.get("model"));
        assertEquals("fp_1", body.get("system_fingerprint"));
        Map<String, Object> sent = UPSTREAM.requests.get(0);
        assertEquals("m1", sent.get("model"));
        assertEquals(7, sent.get("top_k"));
        assertEquals(1.1, sent.get("repeat_penalty"));
        assertTrue(res.headers().firstValue("x-request-id").isPresent());
    }

    @Test
    void eachRequestIsLoggedWithItsFullPathStatusAndKey() throws Exception {
        try (TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            HttpRequest request = HttpRequest.newBuilder(uri("/v1/models")).header("x-api-key", "secret")
                    .header("x-request-id", "log-check-1").GET().build();
            CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            List<String> lines = List.of();
            for (long deadline = System.currentTimeMillis() + 2000; lines.isEmpty()
                    && System.currentTimeMillis() < deadline; Thread.sleep(10)) {
                // the line is written once the response has been sent, so it may trail the client's read
                lines = log.lines("http.request").stream().filter(l -> l.contains("log-check-1")).toList();
            }
            assertEquals(1, lines.size(), lines.toString());
            Map<String, Object> line = Json.readObject(lines.get(0));
            assertEquals("/v1/models", line.get("path"));
            assertEquals(200, line.get("status"));
            assertEquals("dev", line.get("key_id"));
            assertFalse(lines.get(0).contains("secret"), "the key itself is never logged");
        }
    }

    @Test
    void requestIdFromTheClientIsEchoed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/models")).header("x-api-key", "secret")
                .header("x-request-id", "abc-123").GET().build();
        HttpResponse<String> res = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode());
        assertEquals("abc-123", res.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void clientMistakesAre400sNamingTheField() throws Exception {
        assertError(post("{not json", "secret"), 400, null);
        assertError(post("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "secret"), 400, "model");
        assertError(post("{\"model\":\"local/m1\"}", "secret"), 400, "messages");
        assertError(post("{\"model\":\"local/m1\",\"messages\":[{\"content\":\"x\"}]}", "secret"), 400,
                "messages[0].role");
        assertError(post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}],\"temperature\":\"hot\"}",
                "secret"), 400, "temperature");
        assertError(post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}],\"stream\":\"yes\"}",
                "secret"), 400, "stream");
        assertTrue(UPSTREAM.requests.isEmpty(), "nothing reaches the upstream");
    }

    @Test
    void bodiesThatAreNotObjectsOrHoldOddNumbersAreClearly400() throws Exception {
        HttpResponse<String> array = post("[]", "secret");
        assertError(array, 400, null);
        assertTrue(error(array).get("message").toString().contains("must be a JSON object, not an array"),
                array.body());
        assertFalse(array.body().contains("LinkedHashMap"), "no library internals in messages");
        assertError(post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}],\"temperature\":1e400}",
                "secret"), 400, "temperature");
        assertError(post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}],\"n\":4294967296}",
                "secret"), 400, "n");
        assertTrue(UPSTREAM.requests.isEmpty());
    }

    @Test
    void bodiesTheUpstreamCouldReadDifferentlyFromTheGatewayAre400() throws Exception {
        String body = "{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}]}";
        HttpResponse<String> twoValues = post(body + " {\"model\":\"local/m2\"}", "secret");
        assertError(twoValues, 400, null);
        assertEquals("invalid_request_error", error(twoValues).get("type"));
        assertTrue(error(twoValues).get("message").toString().contains("more than one JSON value"),
                twoValues.body());
        HttpResponse<String> twoModels = post(body.replace("}]}", "}],\"model\":\"local/m2\"}"), "secret");
        assertError(twoModels, 400, "model");
        assertEquals("invalid_request_error", error(twoModels).get("type"));
        assertTrue(error(twoModels).get("message").toString().contains("sets 'model' more than once"),
                twoModels.body());
        assertTrue(UPSTREAM.requests.isEmpty(), "no upstream was called");
    }

    @Test
    void aBareNameIsCheckedAgainstTheKeysRulesAsTheModelItResolvesTo() throws Exception {
        assertError(post("{\"model\":\"m1\",\"messages\":[{\"role\":\"user\"}]}", "narrow-secret"), 404,
                "model");
        assertEquals(200, post("{\"model\":\"m1\",\"messages\":[{\"role\":\"user\"}]}", "secret").statusCode());
    }

    @Test
    void aGatewayBugAfterTheFirstChunkStillEndsTheStreamWithAnError() throws Exception {
        UPSTREAM.chunks = List.of(chunk(Map.of("content", "par"), null));
        UPSTREAM.bugAfterChunks = new IllegalStateException("bug");
        HttpResponse<String> res = post("{\"model\":\"local/m1\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\"}]}", "secret");
        assertEquals(200, res.statusCode());
        List<Map<String, Object>> events = parseEvents(res.body());
        Map<?, ?> error = (Map<?, ?>) events.get(events.size() - 1).get("error");
        assertEquals("internal_error", error.get("code"));
        assertFalse(res.body().contains("IllegalStateException"), "no internals reach the client");
    }

    @Test
    void anErrorThrownOnTheRequestPathReachesTheClientAsAnOpenAiErrorBody() throws Exception {
        UPSTREAM.fatal = new OutOfMemoryError("Java heap space");
        HttpResponse<String> res = post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}]}", "secret");
        assertError(res, 500, null);
        assertEquals("internal_error", error(res).get("code"));
        assertFalse(res.body().contains("OutOfMemoryError"), "no internals reach the client");

        UPSTREAM.chunks = List.of(chunk(Map.of("content", "par"), null));
        res = post("{\"model\":\"local/m1\",\"stream\":true,\"messages\":[{\"role\":\"user\"}]}", "secret");
        assertEquals(200, res.statusCode());
        List<Map<String, Object>> events = parseEvents(res.body());
        assertEquals("internal_error", ((Map<?, ?>) events.get(events.size() - 1).get("error")).get("code"));
        assertFalse(res.body().contains("OutOfMemoryError"), "no internals reach the client");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        String big = "{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(2000)
                + "\"}]}";
        assertError(post(big, "secret"), 413, null);
    }

    @Test
    void aModelTheKeyMayNotUseGetsTheSame404AsOneThatDoesNotExist() throws Exception {
        HttpResponse<String> missing = post("{\"model\":\"nope/m1\",\"messages\":[{\"role\":\"user\"}]}",
                "narrow-secret");
        HttpResponse<String> refused = post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}]}",
                "narrow-secret");
        assertError(missing, 404, "model");
        assertError(refused, 404, "model");
        assertEquals(missing.body().replace("nope/m1", "NAME"), refused.body().replace("local/m1", "NAME"));
        assertTrue(UPSTREAM.requests.isEmpty());
    }

    @Test
    void refusedModelIsLoggedAsASecurityDecisionNamingTheRule() throws Exception {
        HttpResponse<String> refused;
        List<String> decisions;
        try (LogCapture log = new LogCapture()) {
            refused = post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}]}", "narrow-secret");
            decisions = log.lines("agent.security.decision");
        }
        assertEquals(404, refused.statusCode());
        assertEquals(1, decisions.size(), decisions.toString());
        Map<String, Object> event = Json.readObject(decisions.get(0));
        assertEquals("narrow", event.get("key_id"));
        assertEquals("local/m1", event.get("model"));
        assertEquals("deny", event.get("decision"));
        assertEquals("model 'local/m1' matches none of allow_agents [other/*] of key 'narrow'", event.get("reason"));
        assertEquals(refused.headers().firstValue("x-request-id").orElseThrow(), event.get("request_id"));
        assertFalse(decisions.get(0).contains("narrow-secret"));
    }

    @Test
    void missingOrWrongKeyIs401() throws Exception {
        HttpResponse<String> none = post("{}", null);
        assertError(none, 401, null);
        assertEquals("invalid_api_key", error(none).get("code"));
        assertError(post("{}", "wrong"), 401, null);
        HttpRequest viaHeader = HttpRequest.newBuilder(uri("/v1/models")).header("x-api-key", "secret").GET().build();
        assertEquals(200, CLIENT.send(viaHeader, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void upstreamFailuresMapToGatewayStatuses() throws Exception {
        String body = "{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}]}";
        UPSTREAM.failure = new UpstreamException(UpstreamException.Kind.TIMEOUT, "no answer in 1s", null);
        try (LogCapture log = new LogCapture()) {
            assertError(post(body, "secret"), 504, null);
            assertTrue(log.lines("upstream.error").stream().anyMatch(line -> line.contains("\"kind\":\"timeout\"")
                    && line.contains("no answer in 1s")), "the operator sees why the client got a 504");
        }
        UPSTREAM.failure = new UpstreamException(UpstreamException.Kind.UNREACHABLE, "connection refused", null);
        assertError(post(body, "secret"), 502, null);
        UPSTREAM.failure = new UpstreamException(UpstreamException.Kind.REJECTED, 400, "bad",
                Map.of("error", Map.of("message", "max_tokens is too large", "param", "max_tokens")), null);
        HttpResponse<String> rejected = post(body, "secret");
        assertError(rejected, 400, "max_tokens");
        assertEquals("max_tokens is too large", error(rejected).get("message"));
        UPSTREAM.failure = new UpstreamException(UpstreamException.Kind.REJECTED, 401, "bad key", Map.of(), null);
        assertError(post(body, "secret"), 502, null);
    }

    @Test
    void streamNormalisesOllamaStyleToolCalls() throws Exception {
        UPSTREAM.chunks = List.of(
                chunk(Map.of("tool_calls", List.of(Map.of("function", Map.of("name", "get_weather",
                        "arguments", Map.of("city", "Paris"))))), null),
                chunk(Map.of("tool_calls", List.of(Map.of("function", Map.of("name", "get_time",
                        "arguments", Map.of())))), null),
                chunk(Map.of(), "stop"));
        List<Map<String, Object>> events = streamEvents("{\"model\":\"local/m1\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\"}]}");
        Map<String, Object> first = delta(events.get(0));
        assertEquals("assistant", first.get("role"));
        Map<String, Object> call0 = toolCall(events.get(0));
        assertEquals(0, call0.get("index"));
        assertTrue(((String) call0.get("id")).startsWith("call_"));
        assertEquals("{\"city\":\"Paris\"}", ((Map<?, ?>) call0.get("function")).get("arguments"));
        Map<String, Object> call1 = toolCall(events.get(1));
        assertEquals(1, call1.get("index"), "a second whole call gets its own index");
        Map<?, ?> last = (Map<?, ?>) ((List<?>) events.get(events.size() - 1).get("choices")).get(0);
        assertEquals("tool_calls", last.get("finish_reason"));
        for (Map<String, Object> event : events) {
            assertEquals("chat.completion.chunk", event.get("object"));
            assertEquals("local/m1", event.get("model"));
            assertEquals(events.get(0).get("id"), event.get("id"));
            assertFalse(event.containsKey("usage"), "usage only when asked");
        }
    }

    @Test
    void streamWithUsageEndsWithAUsageChunkBeforeDone() throws Exception {
        UPSTREAM.chunks = List.of(chunk(Map.of("content", "hel"), null), chunk(Map.of("content", "lo"), "stop"),
                Map.of("id", "c", "choices", List.of(), "usage", Map.of("prompt_tokens", 3, "completion_tokens", 2,
                        "total_tokens", 5)));
        List<Map<String, Object>> events = streamEvents("{\"model\":\"local/m1\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\"}]}");
        Map<String, Object> usageChunk = events.get(events.size() - 1);
        assertEquals(List.of(), usageChunk.get("choices"));
        assertEquals(5, ((Map<?, ?>) usageChunk.get("usage")).get("total_tokens"));
        for (Map<String, Object> event : events.subList(0, events.size() - 1)) {
            assertTrue(event.containsKey("usage"));
            assertNull(event.get("usage"));
        }
    }

    @Test
    void overheadMetricCountsTheGatewaysTimeNotTheUpstreams() throws Exception {
        Timer overhead = Services.get(MeterRegistry.class).timer("agent_gateway_overhead_seconds", List.of())
                .orElseThrow();
        long countBefore = overhead.count();
        double secondsBefore = overhead.totalTime(TimeUnit.SECONDS);
        UPSTREAM.thinkMillis = 100;
        UPSTREAM.chunks = List.of(chunk(Map.of("content", "a"), null), chunk(Map.of("content", "b"), "stop"));
        assertEquals(200, post("{\"model\":\"local/m1\",\"messages\":[{\"role\":\"user\"}]}", "secret")
                .statusCode());
        streamEvents("{\"model\":\"local/m1\",\"stream\":true,\"messages\":[{\"role\":\"user\"}]}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (overhead.count() < countBefore + 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(countBefore + 2, overhead.count(), "one sample per upstream request, streamed or not");
        double gatewaySeconds = overhead.totalTime(TimeUnit.SECONDS) - secondsBefore;
        assertTrue(gatewaySeconds < 0.1, "300 ms of upstream time must not count as overhead: " + gatewaySeconds);
    }

    @Test
    void failureBeforeTheFirstChunkIsAStatusAndAfterItAnErrorEvent() throws Exception {
        String body = "{\"model\":\"local/m1\",\"stream\":true,\"messages\":[{\"role\":\"user\"}]}";
        UPSTREAM.failure = new UpstreamException(UpstreamException.Kind.UNREACHABLE, "refused", null);
        assertError(post(body, "secret"), 502, null);
        UPSTREAM.failure = null;
        UPSTREAM.chunks = List.of(chunk(Map.of("content", "par"), null));
        UPSTREAM.failureAfterChunks = new UpstreamException(UpstreamException.Kind.DROPPED, "connection reset", null);
        HttpResponse<String> res = post(body, "secret");
        assertEquals(200, res.statusCode());
        assertFalse(res.body().contains("[DONE]"), "a dropped stream must not look complete");
        List<Map<String, Object>> events = parseEvents(res.body());
        Map<?, ?> error = (Map<?, ?>) events.get(events.size() - 1).get("error");
        assertEquals("upstream_stream_dropped", error.get("code"));
    }

    private static Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return Map.of("id", "c", "object", "chat.completion.chunk", "created", 1, "model", "m1",
                "choices", List.of(choice));
    }

    private List<Map<String, Object>> streamEvents(String body) throws Exception {
        HttpResponse<String> res = post(body, "secret");
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertTrue(res.body().endsWith("data: [DONE]\n\n"), res.body());
        return parseEvents(res.body());
    }

    private static List<Map<String, Object>> parseEvents(String body) throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.startsWith("data: ") && !event.equals("data: [DONE]")) {
                events.add(Json.readObject(event.substring(6)));
            }
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> delta(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) ((List<?>) event.get("choices")).get(0)).get("delta");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toolCall(Map<String, Object> event) {
        return (Map<String, Object>) ((List<?>) delta(event).get("tool_calls")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(HttpResponse<String> res) throws Exception {
        return (Map<String, Object>) Json.readObject(res.body()).get("error");
    }

    private static void assertError(HttpResponse<String> res, int status, String param) throws Exception {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        Map<String, Object> error = error(res);
        assertTrue(error.get("message") instanceof String m && !m.isBlank());
        assertTrue(error.containsKey("type") && error.containsKey("param") && error.containsKey("code"));
        assertEquals(param, error.get("param"));
    }

    private HttpResponse<String> post(String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("authorization", "Bearer " + key);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return server.resolve(path);
    }
}
