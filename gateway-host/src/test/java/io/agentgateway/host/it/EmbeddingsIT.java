package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/embeddings} with the shipped config: the official openai Node client's {@code embeddings.create}
 * against the in-process all-MiniLM-L6-v2 model ({@code local/all-minilm-l6-v2}), and what a client's mistake gets.
 * The model loads on the first request (a second or two).
 */
class EmbeddingsIT {

    private static RunningGateway gateway;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.shipped(Map.of());
        key = ReadmeExamples.chats().get(0).key();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void officialNodeClientEmbedsWithTheLocalModel() throws Exception {
        var script = Repository.root().resolve("gateway-host/src/test/node-responses");
        ResponsesNodeClientIT.install(script);
        Process node = new ProcessBuilder("node", "embeddings-check.mjs", gateway.baseUrl(), key)
                .directory(script.toFile()).redirectErrorStream(true).start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(90, TimeUnit.SECONDS), "node check timed out");
        assertEquals(0, node.exitValue(), output);
        assertTrue(output.contains("\"failures\":[]"), output);
    }

    @Test
    void clientMistakesAre400sNamingTheField() throws Exception {
        assertBadRequest("{\"model\":\"local/all-minilm-l6-v2\"}", "input");
        assertBadRequest("{\"model\":\"local/all-minilm-l6-v2\",\"input\":[]}", "input");
        assertBadRequest("{\"model\":\"local/all-minilm-l6-v2\",\"input\":\"x\",\"encoding_format\":\"int8\"}",
                "encoding_format");
        assertBadRequest("{\"model\":\"local/all-minilm-l6-v2\",\"input\":\"x\",\"dimensions\":0}", "dimensions");
        assertBadRequest("{\"model\":\"default/weatheragent\",\"input\":\"x\"}", "model");
        HttpResponse<String> missing = post("{\"model\":\"nowhere/x\",\"input\":\"x\"}");
        assertEquals(404, missing.statusCode(), missing.body());
    }

    @Test
    void bodiesWithAKeySentTwiceOrTextAfterTheObjectAre400sThatReachNoUpstream() throws Exception {
        long calls = localCalls();
        String body = "{\"model\":\"local/all-minilm-l6-v2\",\"input\":\"x\"}";
        HttpResponse<String> twice = post(body.replace("}", ",\"input\":\"y\"}"));
        assertEquals(400, twice.statusCode(), twice.body());
        JsonNode twiceError = Json.MAPPER.readTree(twice.body()).path("error");
        assertEquals("invalid_request_error", twiceError.path("type").asText(), twice.body());
        assertEquals("input", twiceError.path("param").asText(), twice.body());
        assertTrue(twiceError.path("message").asText().contains("sets 'input' more than once"), twice.body());

        HttpResponse<String> after = post(body + "\n{\"input\":\"y\"}");
        assertEquals(400, after.statusCode(), after.body());
        JsonNode afterError = Json.MAPPER.readTree(after.body()).path("error");
        assertEquals("invalid_request_error", afterError.path("type").asText(), after.body());
        assertTrue(afterError.path("param").isNull(), after.body());
        assertTrue(afterError.path("message").asText().contains("more than one JSON value"), after.body());
        assertEquals(calls, localCalls(), "no upstream was called");
    }

    /** The local upstream's calls so far, from the gateway's metrics (shared by the JVM's tests, so compared). */
    private static long localCalls() throws Exception {
        HttpResponse<String> metrics = gateway.get("/metrics", key);
        assertEquals(200, metrics.statusCode(), metrics.body());
        return Json.MAPPER.readTree(metrics.body()).path("upstreams").path("local").path("requests").asLong();
    }

    @Test
    void usageIsCountedForTheKeyLikeChat() throws Exception {
        HttpResponse<String> embedded = post("{\"model\":\"local/all-minilm-l6-v2\",\"input\":\"count me\"}");
        assertEquals(200, embedded.statusCode(), embedded.body());
        long tokens = Json.MAPPER.readTree(embedded.body()).path("usage").path("prompt_tokens").asLong();
        assertTrue(tokens > 0, embedded.body());

        HttpResponse<String> usage = gateway.get("/usage?model=local/all-minilm-l6-v2", key);
        assertEquals(200, usage.statusCode(), usage.body());
        assertTrue(usage.body().contains("local/all-minilm-l6-v2"), usage.body());
    }

    private static void assertBadRequest(String body, String param) throws Exception {
        HttpResponse<String> response = post(body);
        assertEquals(400, response.statusCode(), body + " -> " + response.body());
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertEquals(param, error.path("param").asText(), response.body());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/embeddings"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
