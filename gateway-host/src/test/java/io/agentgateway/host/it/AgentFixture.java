package io.agentgateway.host.it;

import io.agentgateway.host.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real gateway with the shipped plugin jars on a mock upstream process, named {@code mock}; by default with one
 * declarative agent ({@code default/counter}, using the text-tools plugin's {@code word_count}) and every agent running
 * on model {@code agent-model}. Helpers to script the mock and talk to the gateway.
 */
final class AgentFixture implements AutoCloseable {

    static final String MODEL = "agent-model";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final MockUpstreamProcess mock;
    final RunningGateway gateway;

    AgentFixture(Path configDir, String... mockOptions) throws Exception {
        this(configDir, Map.of(
                "GATEWAY_DEFAULT_UPSTREAM", "mock",
                "GATEWAY_DEFAULT_MODEL", MODEL,
                "agents.yaml", """
                        version: 1
                        defaults: {namespace: default, upstream: mock, model: %s}
                        agents:
                          - name: Counter
                            display_name: Word Counter
                            description: Counts words with a gateway tool
                            instructions: Count the words of the user's text with word_count.
                            tools: [word_count]
                            metadata: {max_tool_hops: 2, tool_choice: required}
                        """.formatted(MODEL)), mockOptions);
    }

    /**
     * The gateway with only the given config on the mock upstream {@code mock} (5 s timeout).
     *
     * @param config more files and environment variables, as {@link RunningGateway#start} takes them
     */
    AgentFixture(Path configDir, Map<String, String> config, String... mockOptions) throws Exception {
        mock = MockUpstreamProcess.start(mockOptions);
        try {
            gateway = RunningGateway.start(configDir, RunningGateway.mockUpstream(mock, 5), config);
        } catch (Exception | Error e) {
            mock.close();
            throw e;
        }
    }

    /** Empties the mock's queues and request log. */
    void reset() throws Exception {
        for (String path : List.of("/__script", "/__requests")) {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mock.port() + path)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Queues assistant messages for the agents' model. */
    void script(Object... messages) throws Exception {
        mock.script(MODEL, Json.write(Map.of("responses", List.of(messages))));
    }

    /** @return the request bodies the mock received, oldest first */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> upstreamRequests() throws Exception {
        return Json.MAPPER.readValue(mock.requestsFor(MODEL), List.class);
    }

    static Map<String, Object> text(String content) {
        return Map.of("content", content);
    }

    static Map<String, Object> delayedText(String content, long delayMs) {
        return Map.of("content", content, "delay_ms", delayMs);
    }

    /** An assistant message calling tools; pairs of name and arguments object. */
    static Map<String, Object> calls(Object... nameThenArguments) {
        List<Object> calls = new ArrayList<>();
        for (int i = 0; i < nameThenArguments.length; i += 2) {
            calls.add(Map.of("id", "call_" + i, "type", "function", "function",
                    Map.of("name", nameThenArguments[i], "arguments", nameThenArguments[i + 1])));
        }
        return Map.of("tool_calls", calls);
    }

    HttpResponse<String> chat(String model, String userText, boolean stream) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", userText)));
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return gateway.chat(RunningGateway.KEY, Json.write(body));
    }

    HttpResponse<String> get(String path) throws Exception {
        return gateway.get(path, RunningGateway.KEY);
    }

    /** @return the answer text of a non-streaming response */
    @SuppressWarnings("unchecked")
    static String answer(HttpResponse<String> response) throws Exception {
        Map<String, Object> body = Json.readObject(response.body());
        Map<String, Object> choice = (Map<String, Object>) ((List<Object>) body.get("choices")).get(0);
        return (String) ((Map<String, Object>) choice.get("message")).get("content");
    }

    /** @return the text of a streamed response, joined from its content deltas */
    @SuppressWarnings("unchecked")
    static String streamedText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                Map<String, Object> chunk = Json.readObject(line.substring(6));
                for (Object choice : (List<Object>) chunk.get("choices")) {
                    Object content = ((Map<String, Object>) ((Map<String, Object>) choice).get("delta"))
                            .get("content");
                    text.append(content == null ? "" : content);
                }
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        mock.close();
    }
}
