package io.agentgateway.host;

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

/**
 * The tests' in-process upstream. It answers from a script of assistant messages, in order (content streamed three
 * characters at a time, tool calls as a first delta plus argument fragments, then usage); with nothing scripted, it
 * answers {@link #completion} or streams {@link #chunks} exactly as set, so a test can send what a quirky server sends.
 * {@link #failure} fails the next calls; it records every body it was sent.
 */
public final class ScriptedUpstream implements Upstream {

    public final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    public final List<String> events = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Function<ChatRequest, Map<String, Object>>> script =
            new ConcurrentLinkedDeque<>();
    public volatile boolean sawCancel;
    public volatile boolean sinkRefused;
    /** Answered as it is when nothing is scripted. */
    public volatile Map<String, Object> completion;
    /** Streamed as they are when nothing is scripted. */
    public volatile List<Map<String, Object>> chunks = List.of();
    /** Thrown by every call while set. */
    public volatile UpstreamException failure;
    /** Thrown after {@link #chunks}, as a server that breaks off a stream. */
    public volatile UpstreamException failureAfterChunks;
    /** Thrown after {@link #chunks}, as a provider with a bug. */
    public volatile RuntimeException bugAfterChunks;
    /** Thrown instead of answering, or in a stream after its chunks: what running out of memory looks like. */
    public volatile Error fatal;
    /** How long each answer and each streamed chunk takes, as a real model server would. */
    public volatile long thinkMillis;

    public ScriptedUpstream answer(String content) {
        script.add(request -> message(content, List.of()));
        return this;
    }

    @SafeVarargs
    public final ScriptedUpstream toolCalls(Map<String, Object>... calls) {
        script.add(request -> message(null, List.of(calls)));
        return this;
    }

    public ScriptedUpstream respond(Function<ChatRequest, Map<String, Object>> response) {
        script.add(response);
        return this;
    }

    /** The next call blocks until the request is cancelled, then fails as a provider would. */
    public ScriptedUpstream hang() {
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

    public static Map<String, Object> call(String id, String name, String arguments) {
        return Map.of("id", id, "type", "function", "function", Map.of("name", name, "arguments", arguments));
    }

    public static Map<String, Object> message(String content, List<Map<String, Object>> toolCalls) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        if (!toolCalls.isEmpty()) {
            message.put("tool_calls", toolCalls);
        }
        return message;
    }

    /** @return the next scripted message, or null when nothing is scripted and a completion or chunks are set */
    private Map<String, Object> next(ChatRequest request) throws UpstreamException {
        requests.add(request.body());
        if (failure != null) {
            throw failure;
        }
        Function<ChatRequest, Map<String, Object>> step = script.poll();
        if (step == null && (completion != null || !chunks.isEmpty())) {
            return null;
        }
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
        think();
        if (fatal != null) {
            throw fatal;
        }
        if (message == null) {
            return completion;
        }
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
        if (message == null) {
            send(new ArrayList<>(chunks), sink);
            if (!sinkRefused && failureAfterChunks != null) {
                throw failureAfterChunks;
            }
            if (!sinkRefused && bugAfterChunks != null) {
                throw bugAfterChunks;
            }
            if (!sinkRefused && fatal != null) {
                throw fatal;
            }
            return;
        }
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
        send(chunks, sink);
    }

    private void send(List<Map<String, Object>> chunks, ChunkSink sink) {
        for (Map<String, Object> chunk : chunks) {
            think();
            events.add("upstream sent " + chunk);
            if (!sink.accept(chunk)) {
                sinkRefused = true;
                return;
            }
        }
    }

    private void think() {
        if (thinkMillis > 0) {
            try {
                Thread.sleep(thinkMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
