package io.agentgateway.host.agents;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** An upstream that answers from a script of assistant messages, in order, and records what it was sent. */
final class ScriptedUpstream implements Upstream {

    final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Function<ChatRequest, Map<String, Object>>> script =
            new ConcurrentLinkedDeque<>();
    volatile boolean sawCancel;
    volatile boolean sinkRefused;

    ScriptedUpstream answer(String content) {
        script.add(request -> message(content, List.of()));
        return this;
    }

    ScriptedUpstream toolCalls(Map<String, Object>... calls) {
        script.add(request -> message(null, List.of(calls)));
        return this;
    }

    ScriptedUpstream respond(Function<ChatRequest, Map<String, Object>> response) {
        script.add(response);
        return this;
    }

    /** The next call blocks until the request is cancelled, then fails as a provider would. */
    ScriptedUpstream hang() {
        script.add(request -> {
            CountDownLatch cancelled = new CountDownLatch(1);
            request.cancellation().onCancel(cancelled::countDown);
            try {
                if (cancelled.await(10, TimeUnit.SECONDS)) {
                    sawCancel = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        return this;
    }

    static Map<String, Object> call(String id, String name, String arguments) {
        return Map.of("id", id, "type", "function", "function", Map.of("name", name, "arguments", arguments));
    }

    static Map<String, Object> message(String content, List<Map<String, Object>> toolCalls) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        if (!toolCalls.isEmpty()) {
            message.put("tool_calls", toolCalls);
        }
        return message;
    }

    private Map<String, Object> next(ChatRequest request) throws UpstreamException {
        requests.add(request.body());
        Function<ChatRequest, Map<String, Object>> step = script.poll();
        if (step == null) {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 500, "script exhausted", Map.of(), null);
        }
        Map<String, Object> message = step.apply(request);
        if (message == null) {
            throw new UpstreamException(UpstreamException.Kind.DROPPED, "aborted", null);
        }
        return message;
    }

    @Override
    public List<String> listModels() {
        return List.of("test-model");
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        Map<String, Object> message = next(request);
        boolean tools = message.containsKey("tool_calls");
        return Map.of("id", "up-1", "object", "chat.completion", "choices",
                List.of(Map.of("index", 0, "message", message, "finish_reason", tools ? "tool_calls" : "stop")),
                "usage", Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15));
    }

    /** Streams content three characters at a time and each tool call as a first delta plus argument fragments. */
    @Override
    @SuppressWarnings("unchecked")
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        Map<String, Object> message = next(request);
        List<Map<String, Object>> chunks = new ArrayList<>();
        Object content = message.get("content");
        if (content instanceof String text) {
            for (int i = 0; i < text.length(); i += 3) {
                chunks.add(delta(Map.of("content", text.substring(i, Math.min(text.length(), i + 3))), null));
            }
        }
        List<Map<String, Object>> calls = (List<Map<String, Object>>) message.getOrDefault("tool_calls", List.of());
        for (int i = 0; i < calls.size(); i++) {
            Map<String, Object> function = (Map<String, Object>) calls.get(i).get("function");
            String arguments = String.valueOf(function.get("arguments"));
            chunks.add(delta(Map.of("tool_calls", List.of(Map.of("index", i, "id", calls.get(i).get("id"),
                    "type", "function", "function", Map.of("name", function.get("name"), "arguments", "")))), null));
            int half = arguments.length() / 2;
            for (String part : List.of(arguments.substring(0, half), arguments.substring(half))) {
                chunks.add(delta(Map.of("tool_calls", List.of(Map.of("index", i,
                        "function", Map.of("arguments", part)))), null));
            }
        }
        chunks.add(delta(Map.of(), calls.isEmpty() ? "stop" : "tool_calls"));
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("choices", List.of());
        usage.put("usage", Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15));
        chunks.add(usage);
        for (Map<String, Object> chunk : chunks) {
            events.add("upstream sent " + chunk);
            if (!sink.accept(chunk)) {
                sinkRefused = true;
                return;
            }
        }
    }

    private static Map<String, Object> delta(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return Map.of("object", "chat.completion.chunk", "choices", List.of(choice));
    }
}
