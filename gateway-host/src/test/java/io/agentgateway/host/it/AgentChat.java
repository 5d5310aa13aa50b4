package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.TestCalls.LogCapture;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An agent conversation driven through the real gateway: the mock upstream scripted to ask for one tool call and then
 * answer, a client request with a known request id, and what the upstream was sent back.
 */
final class AgentChat {

    /** The key of {@link #securityWithLimitedKey}'s key {@code limited}, which may not use {@code word_count}. */
    static final String LIMITED_KEY = "it-limited-secret";

    private AgentChat() {
    }

    /** @return {@link RunningGateway#securityYaml} with a key {@code limited} too, then {@code moreSections} */
    static String securityWithLimitedKey(String moreSections) {
        return RunningGateway.securityYaml("""
                  - id: limited
                    key: %s
                    tools_denylist: ["word_count"]
                """.formatted(LIMITED_KEY) + moreSections);
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
        return Json.MAPPER.readTree(send(gateway, key, requestId, Map.of("model", model,
                "messages", List.of(Map.of("role", "user", "content", prompt)))).body());
    }

    /** A streamed chat completion; fails unless the gateway answers 200. @return the concatenated content deltas */
    static String stream(RunningGateway gateway, String key, String requestId, String model, String prompt)
            throws Exception {
        HttpResponse<String> response = send(gateway, key, requestId, Map.of("model", model, "stream", true,
                "messages", List.of(Map.of("role", "user", "content", prompt))));
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

    private static HttpResponse<String> send(RunningGateway gateway, String key, String requestId,
            Map<String, Object> body) throws Exception {
        HttpResponse<String> response = gateway.chat(key, Json.write(body), "x-request-id", requestId);
        if (response.statusCode() != 200) {
            throw new AssertionError("status " + response.statusCode() + ": " + response.body());
        }
        return response;
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

    /** Fails unless {@code results} is one tool result refusing the call with 403. @return its error object */
    static JsonNode onlyForbiddenResult(List<String> results) throws Exception {
        assertEquals(1, results.size(), results.toString());
        JsonNode error = Json.MAPPER.readTree(results.get(0)).path("error");
        assertEquals("tool_forbidden", error.path("type").asText(), results.get(0));
        assertEquals(403, error.path("status").asInt(), results.get(0));
        return error;
    }

    /** @return the one tool.invoke line of that request */
    static String onlyToolLine(LogCapture log, String requestId) {
        return only(log.lines("tool.invoke").stream()
                .filter(l -> l.contains("\"request_id\":\"" + requestId + "\"")).toList(), requestId, log);
    }

    /** @return the one tool.invoke line of that request and tool */
    static String onlyToolLine(LogCapture log, String requestId, String tool) {
        return only(log.lines("tool.invoke").stream()
                .filter(l -> l.contains("\"request_id\":\"" + requestId + "\""))
                .filter(l -> l.contains("\"tool\":\"" + tool + "\"")).toList(), requestId, log);
    }

    private static String only(List<String> lines, String requestId, LogCapture log) {
        assertEquals(1, lines.size(), "tool.invoke lines of " + requestId + ": " + log.lines("tool.invoke"));
        return lines.get(0);
    }
}
