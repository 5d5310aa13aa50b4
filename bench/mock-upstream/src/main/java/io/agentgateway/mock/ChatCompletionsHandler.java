package io.agentgateway.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Answers {@code POST /v1/chat/completions}: a scripted answer when one is queued, else the model's scenario. */
final class ChatCompletionsHandler implements HttpHandler {

    static final List<Map<String, Object>> WEATHER_AND_TIME = List.of(
            Answer.toolCall("call_mock_weather", "get_weather", "{\"city\":\"Paris\"}"),
            Answer.toolCall("call_mock_time", "get_time", "{}"));

    /** Model prefix of the agent scenario: call the named tool once, then answer (see {@link #toolOnce}). */
    static final String TOOL_ONCE = "tool-once-";

    private final MockUpstream.Options options;
    private final ScriptQueue scripts;
    private final RequestLog requests;
    private final Runnable hang;
    private final java.util.function.Supplier<String> forcedModel;
    /** {@code fail-once-*} models that have had their one failure. */
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    ChatCompletionsHandler(MockUpstream.Options options, ScriptQueue scripts, RequestLog requests, Runnable hang,
            java.util.function.Supplier<String> forcedModel) {
        this.forcedModel = forcedModel;
        this.options = options;
        this.scripts = scripts;
        this.requests = requests;
        this.hang = hang;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<?, ?> request;
        try {
            request = Json.parse(body) instanceof Map<?, ?> map ? map : null;
        } catch (IllegalArgumentException e) {
            request = null;
        }
        if (request == null || !(request.get("model") instanceof String asked)) {
            ErrorReplies.send(exchange, 400, ErrorReplies.error(
                    "mock: the body must be a JSON object with a model", "invalid_request_error", null));
            return;
        }
        requests.record(asked, body);
        String model = forcedModel.get() != null ? forcedModel.get() : asked;
        boolean stream = Boolean.TRUE.equals(request.get("stream"));
        boolean includeUsage = stream && request.get("stream_options") instanceof Map<?, ?> streamOptions
                && Boolean.TRUE.equals(streamOptions.get("include_usage"));
        ChatCall call = ChatCall.of(model, includeUsage, body.length());
        MockUpstream.sleep(options.latencyMs());

        Answer scripted = scripts.poll(model);
        if (scripted != null) {
            MockUpstream.sleep(scripted.delayMs());
            answer(exchange, call, scripted, stream);
            return;
        }
        switch (model) {
            case "tool-calls" -> answer(exchange, call, Answer.toolCalls(WEATHER_AND_TIME), stream);
            case "drop" -> drop(exchange, call, stream, true);
            case "drop-clean" -> drop(exchange, call, stream, false);
            case "no-done" -> noDone(exchange, call, stream);
            case "hang" -> hang.run();
            case "error-in-stream" -> errorInStream(exchange, call, stream);
            case "ollama-quirks" -> QuirkScenarios.ollama(exchange, call, stream, options);
            case "vllm-quirks" -> QuirkScenarios.vllm(exchange, call, stream, options);
            default -> {
                int status = errorStatus(model);
                if (model.startsWith("fail-once-") && failedOnce.add(model)) {
                    ErrorReplies.send(exchange, 503, ErrorReplies.forStatus(503));
                } else if (model.startsWith("echo-headers-") || model.startsWith("echo-key-")) {
                    ErrorReplies.sendEcho(exchange, model);
                } else if (status > 0) {
                    ErrorReplies.send(exchange, status, ErrorReplies.forStatus(status));
                } else if (model.startsWith(TOOL_ONCE) && model.length() > TOOL_ONCE.length()) {
                    answer(exchange, call, toolOnce(model.substring(TOOL_ONCE.length()), request), stream);
                } else {
                    answer(exchange, call, Answer.text("echo: " + lastUserText(request)), stream);
                }
            }
        }
    }

    private void answer(HttpExchange exchange, ChatCall call, Answer answer, boolean stream) throws IOException {
        if (!stream) {
            ErrorReplies.sendJson(exchange, 200, call.completion(answer));
            return;
        }
        try (OutputStream body = startStream(exchange)) {
            SseOut sse = new SseOut(body, options.chunkDelayMs());
            for (String chunk : call.chunks(answer, options.chunks())) {
                sse.send(chunk);
            }
            sse.done();
        }
    }

    /** Two chunks, then the connection is cut (abrupt) or the body ends (clean), never with [DONE]. */
    private void drop(HttpExchange exchange, ChatCall call, boolean stream, boolean abrupt) throws IOException {
        if (!stream) {
            byte[] whole = call.completion(Answer.text("this answer is cut off")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, whole.length);
            exchange.getResponseBody().write(whole, 0, whole.length / 2);
            exchange.getResponseBody().flush();
            throw new ConnectionCut();
        }
        OutputStream body = startStream(exchange);
        SseOut sse = new SseOut(body, options.chunkDelayMs());
        sse.send(call.chunk(ChatCall.roleDelta(), null));
        sse.send(call.chunk(ChatCall.contentDelta("this answer is cut"), null));
        if (abrupt) {
            throw new ConnectionCut();
        }
        body.close();
    }

    /** A proper finish_reason chunk, then the body ends without [DONE], as some servers do. */
    private void noDone(HttpExchange exchange, ChatCall call, boolean stream) throws IOException {
        if (!stream) {
            answer(exchange, call, Answer.text("no-done answers normally when not streaming"), false);
            return;
        }
        try (OutputStream body = startStream(exchange)) {
            SseOut sse = new SseOut(body, options.chunkDelayMs());
            sse.send(call.chunk(ChatCall.roleDelta(), null));
            sse.send(call.chunk(ChatCall.contentDelta("finished without done"), null));
            sse.send(call.chunk("{}", "stop"));
        }
    }

    private void errorInStream(HttpExchange exchange, ChatCall call, boolean stream) throws IOException {
        String error = Json.write(ErrorReplies.error("mock failure inside the stream", "api_error", null));
        if (!stream) {
            ErrorReplies.sendJson(exchange, 200, error);
            return;
        }
        try (OutputStream body = startStream(exchange)) {
            SseOut sse = new SseOut(body, options.chunkDelayMs());
            sse.send(call.chunk(ChatCall.roleDelta(), null));
            sse.send(error);
        }
    }

    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** @return the status of an {@code error-NNN} model (400..599), or 0 */
    static int errorStatus(String model) {
        if (model.length() == 9 && model.startsWith("error-")) {
            try {
                int status = Integer.parseInt(model, 6, 9, 10);
                return status >= 400 && status <= 599 ? status : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * One agent turn of the {@code tool-once-<tool>} scenario, decided by the conversation alone so that any number of
     * runs can share the model at once (a script queue is first in, first out across runs): until a tool result
     * follows the last user message, call {@code tool} with {@code {"text": <that message>}}; then answer with the
     * result.
     */
    static Answer toolOnce(String tool, Map<?, ?> request) {
        String result = null;
        if (request.get("messages") instanceof List<?> messages) {
            for (Object m : messages) {
                if (m instanceof Map<?, ?> message) {
                    if ("user".equals(message.get("role"))) {
                        result = null;
                    } else if ("tool".equals(message.get("role"))) {
                        result = String.valueOf(message.get("content"));
                    }
                }
            }
        }
        if (result != null) {
            return Answer.text("tool said: " + result);
        }
        String arguments = Json.write(Map.of("text", lastUserText(request)));
        return Answer.toolCalls(List.of(Answer.toolCall("call_mock_" + tool, tool, arguments)));
    }

    /** @return the text of the last user message; content parts of type text are joined */
    static String lastUserText(Map<?, ?> request) {
        if (!(request.get("messages") instanceof List<?> messages)) {
            return "";
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof Map<?, ?> message && "user".equals(message.get("role"))) {
                Object content = message.get("content");
                if (content instanceof List<?> parts) {
                    StringBuilder text = new StringBuilder();
                    for (Object part : parts) {
                        if (part instanceof Map<?, ?> p && p.get("text") instanceof String s) {
                            text.append(s);
                        }
                    }
                    return text.toString();
                }
                return content == null ? "" : content.toString();
            }
        }
        return "";
    }

    /**
     * Thrown out of a handler on purpose: the JDK server then closes the TCP connection without ending the response,
     * which is what a crashed upstream looks like to a client.
     */
    static final class ConnectionCut extends RuntimeException {
        ConnectionCut() {
            super("connection cut on purpose", null, false, false);
        }
    }
}
