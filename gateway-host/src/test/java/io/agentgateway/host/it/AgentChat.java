package io.agentgateway.host.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An agent conversation driven through the real gateway: the mock upstream scripted to ask for one tool call and then
 * answer, a client request with a known request id, and what the upstream was sent back.
 */
final class AgentChat {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AgentChat() {
    }

    /** Scripts {@code upstreamModel} to call {@code tool} with {@code arguments}, then to answer {@code answer}. */
    static void scriptToolCallThenAnswer(MockUpstreamProcess mock, String upstreamModel, String tool,
            Map<String, Object> arguments, String answer) throws Exception {
        scriptToolCallsThenAnswer(mock, upstreamModel, List.of(call(tool, arguments)), answer);
    }

    /** Scripts {@code upstreamModel} to make {@code calls} in one turn, then to answer {@code answer}. */
    static void scriptToolCallsThenAnswer(MockUpstreamProcess mock, String upstreamModel,
            List<Map<String, Object>> calls, String answer) throws Exception {
        mock.script(upstreamModel, Json.write(Map.of("responses", List.of(
                Map.of("tool_calls", calls), Map.of("content", answer)))));
    }

    /** @return one tool call as the model writes it */
    static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("function", Map.of("name", tool, "arguments", arguments));
    }

    /** A non-streaming chat completion; fails unless the gateway answers 200. */
    static JsonNode complete(RunningGateway gateway, String key, String requestId, String model, String prompt)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("model", model,
                        "messages", List.of(Map.of("role", "user", "content", prompt))))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** A streamed chat completion; fails unless the gateway answers 200. @return the concatenated content deltas */
    static String stream(RunningGateway gateway, String key, String requestId, String model, String prompt)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("model", model, "stream", true,
                        "messages", List.of(Map.of("role", "user", "content", prompt))))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode() + ": " + response.body());
        }
        StringBuilder content = new StringBuilder();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: {")) {
                Json.MAPPER.readTree(line.substring(6)).path("choices")
                        .forEach(choice -> content.append(choice.path("delta").path("content").asText("")));
            }
        }
        if (!response.body().contains("data: [DONE]")) {
            throw new AssertionError("the stream did not end with [DONE]: " + response.body());
        }
        return content.toString();
    }

    /** @return the assistant's text in a chat completion */
    static String answer(JsonNode completion) {
        return completion.path("choices").path(0).path("message").path("content").asText();
    }

    /** @return every request body the upstream received for {@code upstreamModel}, oldest first */
    static List<JsonNode> upstreamRequests(MockUpstreamProcess mock, String upstreamModel) throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (JsonNode body : Json.MAPPER.readTree(mock.requestsFor(upstreamModel))) {
            bodies.add(body.isTextual() ? Json.MAPPER.readTree(body.asText()) : body);
        }
        return bodies;
    }

    /** @return the contents of the {@code role: tool} messages in the newest request for {@code upstreamModel} */
    static List<String> toolResultsSentBack(MockUpstreamProcess mock, String upstreamModel) throws Exception {
        List<JsonNode> bodies = upstreamRequests(mock, upstreamModel);
        List<String> results = new ArrayList<>();
        for (JsonNode message : bodies.get(bodies.size() - 1).path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                results.add(message.path("content").asText());
            }
        }
        return results;
    }

    /** @return the names of the tools offered to the model in the first request for {@code upstreamModel} */
    static List<String> toolsOffered(MockUpstreamProcess mock, String upstreamModel) throws Exception {
        List<String> names = new ArrayList<>();
        upstreamRequests(mock, upstreamModel).get(0).path("tools")
                .forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }
}
