package io.agentgateway.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MockUpstreamIT {

    private static MockUpstream mock;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        mock = MockUpstream.start(0, MockUpstream.Options.defaults());
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void scriptedAnswersComeFirstThenTheEchoScenario() throws Exception {
        HttpResponse<String> queued = post("/__script/scripted",
                "{\"responses\":[{\"content\":\"from the script\"}]}");
        assertEquals(200, queued.statusCode());

        String request = "{\"model\":\"scripted\", \"top_k\": 7, \"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertTrue(post("/v1/chat/completions", request).body().contains("\"content\":\"from the script\""));
        assertTrue(post("/v1/chat/completions", request).body().contains("\"content\":\"echo: hi\""));

        String received = http.send(HttpRequest.newBuilder(URI.create(base() + "/__requests/scripted")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("[" + request + "," + request + "]", received, "bodies are recorded verbatim");
    }

    @Test
    void streamEndsWithUsageChunkThenDone() throws Exception {
        List<String> events = events(post("/v1/chat/completions", "{\"model\":\"mock-model\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("[DONE]", events.getLast());
        Map<?, ?> usageChunk = (Map<?, ?>) Json.parse(events.get(events.size() - 2));
        assertEquals(List.of(), usageChunk.get("choices"));
        assertTrue(((Map<?, ?>) usageChunk.get("usage")).get("total_tokens") instanceof Long);
        Map<?, ?> finish = (Map<?, ?>) Json.parse(events.get(events.size() - 3));
        assertEquals("stop", ((Map<?, ?>) ((List<?>) finish.get("choices")).get(0)).get("finish_reason"));
        assertEquals(1 + 3 + 1 + 1 + 1, events.size(), "role, three content chunks, finish, usage, done");
    }

    @Test
    void dropCutsTheConnectionWithoutDone() {
        String body = "{\"model\":\"drop\",\"stream\":true,\"messages\":[]}";
        assertThrows(IOException.class, () -> post("/v1/chat/completions", body));
    }

    @Test
    void errorModelsAnswerWithTheirStatusAndAnOpenAiErrorBody() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"error-429\",\"messages\":[]}");
        assertEquals(429, response.statusCode());
        assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
        Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("error");
        assertEquals("rate_limit_error", error.get("type"));
        assertFalse(error.get("message").toString().isEmpty());
    }

    @Test
    void apiKeyIsEnforcedWhenConfigured() throws Exception {
        try (MockUpstream locked = MockUpstream.start(0, MockUpstream.Options.defaults().withApiKey("k1"))) {
            String url = locked.baseUrl() + "/models";
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer k1")
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    private static List<String> events(HttpResponse<String> response) {
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        return java.util.Arrays.stream(response.body().split("\n\n"))
                .map(event -> {
                    assertTrue(event.startsWith("data: "), event);
                    return event.substring(6);
                })
                .toList();
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://127.0.0.1:" + mock.port();
    }
}
