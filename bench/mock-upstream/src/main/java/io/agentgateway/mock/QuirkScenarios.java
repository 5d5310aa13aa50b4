package io.agentgateway.mock;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers that imitate how real OpenAI-compatible servers bend the protocol, so that the gateway's normalisation can be
 * tested: both call get_weather {"city":"Paris"} and get_time with no arguments.
 */
final class QuirkScenarios {

    private QuirkScenarios() {
    }

    /**
     * Ollama: each tool call whole in one chunk, without {@code index}, {@code arguments} as a JSON object, and
     * {@code finish_reason: "stop"} although tools were called.
     */
    static void ollama(HttpExchange exchange, ChatCall call, boolean stream, MockUpstream.Options options)
            throws IOException {
        Map<String, Object> weather = ollamaCall("call_ollama_1", "get_weather", Map.of("city", "Paris"));
        Map<String, Object> time = ollamaCall("call_ollama_2", "get_time", Map.of());
        if (!stream) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", "");
            message.put("tool_calls", List.of(weather, time));
            ErrorReplies.sendJson(exchange, 200, call.completion(message, "stop", 10));
            return;
        }
        try (OutputStream body = ChatCompletionsHandler.startStream(exchange)) {
            SseOut sse = new SseOut(body, options.chunkDelayMs());
            sse.send(call.chunk("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + Json.write(weather)
                    + "]}", null));
            sse.send(call.chunk("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + Json.write(time)
                    + "]}", null));
            sse.send(call.chunk("{\"role\":\"assistant\",\"content\":\"\"}", "stop"));
            if (call.includeUsage()) {
                sse.send(call.usageChunk(10, false));
            }
            sse.done();
        }
    }

    private static Map<String, Object> ollamaCall(String id, String name, Map<String, Object> arguments) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", arguments);
        Map<String, Object> toolCall = new LinkedHashMap<>();
        toolCall.put("id", id);
        toolCall.put("type", "function");
        toolCall.put("function", function);
        return toolCall;
    }

    /**
     * vLLM: tool-call deltas without {@code id}, a first delta whose {@code arguments} is {@code null}, empty arguments
     * for the parameterless tool, and a usage chunk with {@code choices: null} (sent even unasked).
     */
    static void vllm(HttpExchange exchange, ChatCall call, boolean stream, MockUpstream.Options options)
            throws IOException {
        if (!stream) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", "assistant");
            message.put("content", null);
            message.put("tool_calls", List.of(
                    Map.of("type", "function", "function", Map.of("name", "get_weather",
                            "arguments", "{\"city\":\"Paris\"}")),
                    Map.of("type", "function", "function", Map.of("name", "get_time", "arguments", ""))));
            ErrorReplies.sendJson(exchange, 200, call.completion(message, "tool_calls", 10));
            return;
        }
        try (OutputStream body = ChatCompletionsHandler.startStream(exchange)) {
            SseOut sse = new SseOut(body, options.chunkDelayMs());
            sse.send(call.chunk("{\"role\":\"assistant\",\"content\":null}", null));
            sse.send(call.chunk("{\"tool_calls\":[{\"index\":0,\"type\":\"function\",\"function\":"
                    + "{\"name\":\"get_weather\",\"arguments\":null}}]}", null));
            sse.send(call.chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\"\"}}]}",
                    null));
            sse.send(call.chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Paris\\\"}\"}}]}",
                    null));
            sse.send(call.chunk("{\"tool_calls\":[{\"index\":1,\"type\":\"function\",\"function\":"
                    + "{\"name\":\"get_time\",\"arguments\":\"\"}}]}", null));
            sse.send(call.chunk("{}", "tool_calls"));
            sse.send(call.usageChunk(10, true));
            sse.done();
        }
    }
}
