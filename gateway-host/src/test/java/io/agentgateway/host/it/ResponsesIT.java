package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/responses} and {@code /v1/completions} over HTTP, on the demo upstream: what a client's mistake gets,
 * that a kept response belongs to its key, that the model rules of chat hold, and legacy completions.
 */
class ResponsesIT {

    private static final String OTHER = "other-secret";

    @TempDir
    static Path configDir;

    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(configDir, """
                upstreams:
                  - name: demo
                    provider: demo
                    base_url: in-process
                """, Map.of("security.yaml", RunningGateway.securityYaml("""
                  - id: other
                    key: %s
                    allow_agents: ["ollama/*"]
                """.formatted(OTHER))));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKeptResponseIsFoundOnlyByTheKeyThatMadeIt() throws Exception {
        JsonNode made = Json.MAPPER.readTree(post("/v1/responses", RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"input\":\"Hi\"}").body());
        assertEquals("Demo echo: Hi", made.path("output").path(0).path("content").path(0).path("text").asText());

        String id = made.path("id").asText();
        assertEquals(200, get("/v1/responses/" + id, RunningGateway.KEY).statusCode());
        HttpResponse<String> other = get("/v1/responses/" + id, OTHER);
        assertEquals(404, other.statusCode(), other.body());
        assertEquals("not_found", Json.MAPPER.readTree(other.body()).path("error").path("code").asText());
        HttpResponse<String> continued = post("/v1/responses", OTHER,
                "{\"model\":\"demo/echo\",\"input\":\"Hi\",\"previous_response_id\":\"" + id + "\"}");
        assertEquals(404, continued.statusCode(), continued.body());
        assertEquals("previous_response_id", Json.MAPPER.readTree(continued.body()).path("error").path("param")
                .asText());
        HttpResponse<String> deleted = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/responses/" + id))
                .header("Authorization", "Bearer " + OTHER).DELETE());
        assertEquals(404, deleted.statusCode(), "another key cannot delete it: " + deleted.body());
    }

    @Test
    void theInputItemsOfAResponseArePagedWithIdsNewestFirst() throws Exception {
        JsonNode first = Json.MAPPER.readTree(post("/v1/responses", RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"input\":\"one\"}").body());
        JsonNode second = Json.MAPPER.readTree(post("/v1/responses", RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"input\":[{\"role\":\"user\",\"content\":\"two\"},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"three\"}]}],"
                        + "\"previous_response_id\":\"" + first.path("id").asText() + "\"}").body());
        String items = "/v1/responses/" + second.path("id").asText() + "/input_items";

        JsonNode all = Json.MAPPER.readTree(get(items, RunningGateway.KEY).body());
        assertEquals("list", all.path("object").asText());
        // Newest first: the two new inputs, the first response's answer, then its input.
        assertEquals(4, all.path("data").size(), all.toString());
        assertEquals("three", all.path("data").path(0).path("content").path(0).path("text").asText());
        assertEquals("input_text", all.path("data").path(1).path("content").path(0).path("type").asText());
        assertEquals("two", all.path("data").path(1).path("content").path(0).path("text").asText());
        assertEquals(first.path("output").path(0).path("id").asText(), all.path("data").path(2).path("id").asText());
        assertEquals("one", all.path("data").path(3).path("content").path(0).path("text").asText());
        assertTrue(all.path("data").path(3).path("id").asText().startsWith("msg_"), all.toString());
        assertEquals(false, all.path("has_more").asBoolean());

        JsonNode page = Json.MAPPER.readTree(get(items + "?order=asc&limit=2", RunningGateway.KEY).body());
        assertEquals("one", page.path("data").path(0).path("content").path(0).path("text").asText());
        assertTrue(page.path("has_more").asBoolean());
        JsonNode next = Json.MAPPER.readTree(get(items + "?order=asc&limit=2&after="
                + page.path("last_id").asText(), RunningGateway.KEY).body());
        assertEquals("two", next.path("data").path(0).path("content").path(0).path("text").asText());
        assertEquals(false, next.path("has_more").asBoolean());
        assertEquals(all.path("data").path(0).path("id").asText(), next.path("last_id").asText(),
                "ids stay the same from one listing to the next");

        assertEquals(404, get(items, OTHER).statusCode(), "another key does not see them");
        HttpResponse<String> bad = get(items + "?limit=0", RunningGateway.KEY);
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("limit", Json.MAPPER.readTree(bad.body()).path("error").path("param").asText());
    }

    @Test
    void clientMistakesAre400sNamingTheField() throws Exception {
        assertBadRequest("{\"model\":\"demo/echo\"}", "input");
        assertBadRequest("{\"model\":\"demo/echo\",\"input\":[{\"type\":\"web_search_call\"}]}", "input[0].type");
        assertBadRequest("{\"model\":\"demo/echo\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}]}",
                "tools[0].type");
        assertBadRequest("{\"model\":\"demo/echo\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\"}}}",
                "text.format.name");
        assertBadRequest("{\"model\":\"demo/echo\",\"input\":\"x\",\"background\":true}", "background");
        assertBadRequest("{\"input\":\"x\"}", "model");
    }

    @Test
    void bodiesWithAKeySentTwiceOrTextAfterTheObjectAre400sThatReachNoUpstream() throws Exception {
        long calls = demoCalls();
        for (String path : new String[] {"/v1/responses", "/v1/completions"}) {
            String body = "{\"model\":\"demo/echo\",\"" + (path.endsWith("responses") ? "input" : "prompt")
                    + "\":\"Hi\"}";
            assertAmbiguous(post(path, RunningGateway.KEY, body.replace("}", ",\"model\":\"demo/other\"}")), "model",
                    "sets 'model' more than once");
            assertAmbiguous(post(path, RunningGateway.KEY, body + " {\"model\":\"demo/other\"}"), null,
                    "more than one JSON value");
        }
        assertEquals(calls, demoCalls(), "no upstream was called");
    }

    private static void assertAmbiguous(HttpResponse<String> response, String param, String message)
            throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText(), response.body());
        assertTrue(param == null ? error.path("param").isNull() : param.equals(error.path("param").asText()),
                response.body());
        assertTrue(error.path("message").asText().contains(message), response.body());
    }

    /** The demo upstream's calls so far, from the gateway's metrics (shared by the JVM's tests, so compared). */
    private static long demoCalls() throws Exception {
        HttpResponse<String> metrics = get("/metrics", RunningGateway.KEY);
        assertEquals(200, metrics.statusCode(), metrics.body());
        return Json.MAPPER.readTree(metrics.body()).path("upstreams").path("demo").path("requests").asLong();
    }

    @Test
    void theModelRulesOfChatHoldForResponses() throws Exception {
        HttpResponse<String> refused = post("/v1/responses", OTHER, "{\"model\":\"demo/echo\",\"input\":\"Hi\"}");
        assertEquals(404, refused.statusCode(), "the key may use ollama models only: " + refused.body());
        assertEquals("model_not_found", Json.MAPPER.readTree(refused.body()).path("error").path("code").asText());
        assertEquals(401, post("/v1/responses", "wrong", "{\"model\":\"demo/echo\",\"input\":\"Hi\"}").statusCode());
    }

    @Test
    void legacyCompletionsAnswerThroughChatWholeAndStreamed() throws Exception {
        HttpResponse<String> whole = post("/v1/completions", RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"prompt\":\"Say this\"}");
        assertEquals(200, whole.statusCode(), whole.body());
        JsonNode completion = Json.MAPPER.readTree(whole.body());
        assertEquals("text_completion", completion.path("object").asText(), whole.body());
        assertEquals("Demo echo: Say this", completion.path("choices").path(0).path("text").asText());
        assertTrue(completion.path("usage").path("total_tokens").asInt() > 0, whole.body());

        HttpResponse<String> streamed = post("/v1/completions", RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"prompt\":\"Say this\",\"stream\":true}");
        StringBuilder text = new StringBuilder();
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonNode chunk = Json.MAPPER.readTree(line.substring(6));
                assertEquals("text_completion", chunk.path("object").asText(), line);
                chunk.path("choices").forEach(choice -> text.append(choice.path("text").asText()));
            }
        }
        assertEquals("Demo echo: Say this", text.toString(), streamed.body());
        assertTrue(streamed.body().endsWith("data: [DONE]\n\n"), streamed.body());

        HttpResponse<String> echo = post("/v1/completions", RunningGateway.KEY,
                "{\"model\":\"demo/echo\",\"prompt\":\"x\",\"echo\":true}");
        assertEquals(400, echo.statusCode(), echo.body());
    }

    private static void assertBadRequest(String body, String param) throws Exception {
        HttpResponse<String> response = post("/v1/responses", RunningGateway.KEY, body);
        assertEquals(400, response.statusCode(), body + " -> " + response.body());
        JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
        assertEquals(param, error.path("param").asText(), response.body());
        assertEquals("invalid_request_error", error.path("type").asText(), response.body());
    }

    private static HttpResponse<String> post(String path, String key, String body) throws Exception {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return gateway.get(path, key);
    }
}
