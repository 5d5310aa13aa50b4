package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/embeddings} to an OpenAI-compatible server (the mock, which always answers base64): the body, with
 * {@code dimensions}, reaches the server's {@code /embeddings} under the upstream's own model name, and the client
 * gets floats or base64 as it asked.
 */
class EmbeddingsPassThroughIT {

    @TempDir
    Path configDir;

    @Test
    void dimensionsReachTheServerAndTheClientGetsTheEncodingItAskedFor() throws Exception {
        try (MockUpstreamProcess mock = MockUpstreamProcess.start();
             RunningGateway gateway = RunningGateway.withMock(configDir, mock)) {
            JsonNode floats = embed(gateway, "{\"model\":\"mock/embedder\",\"input\":[\"a\",\"b\"],\"dimensions\":4}");
            assertEquals("[1.0,2.0,3.0,4.0]", floats.path("data").path(1).path("embedding").toString());
            assertEquals(1, floats.path("data").path(1).path("index").asInt());
            assertEquals("mock/embedder", floats.path("model").asText());
            assertEquals(2, floats.path("usage").path("prompt_tokens").asInt());

            JsonNode base64 = embed(gateway, "{\"model\":\"mock/embedder\",\"input\":\"a\",\"dimensions\":2,"
                    + "\"encoding_format\":\"base64\"}");
            assertEquals("AACAPwAAAEA=", base64.path("data").path(0).path("embedding").asText(), "1.0f, 2.0f");
        }
    }

    private static JsonNode embed(RunningGateway gateway, String body) throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/embeddings"))
                .header("Authorization", "Bearer " + RunningGateway.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
