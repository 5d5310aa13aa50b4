package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginUpstreamsTest {

    final ClassLoader pluginLoader = new URLClassLoader("plugin:test", new URL[0], null);
    final List<String> seen = new ArrayList<>();

    /** Records the context class loader of every call the host makes into it. */
    final class RecordingProvider implements UpstreamProvider, Upstream {
        private void record(String call) {
            seen.add(call + ":" + Thread.currentThread().getContextClassLoader().getName());
        }

        public String name() {
            record("name");
            return "recording";
        }

        public Upstream open(UpstreamSettings settings) {
            record("open");
            return this;
        }

        public List<String> listModels() {
            record("listModels");
            return List.of();
        }

        public Map<String, Object> complete(ChatRequest request) {
            record("complete");
            return Map.of();
        }

        public void stream(ChatRequest request, ChunkSink sink) {
            record("stream");
            sink.accept(Map.of());
            record("stream");
        }

        public void close() {
            record("close");
        }
    }

    @Test
    void everyCallIntoThePluginRunsUnderItsLoaderAndChunksComeBackUnderTheCallers() throws Exception {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        UpstreamProvider provider = PluginUpstreams.withContextLoader(pluginLoader, new RecordingProvider());
        ChatRequest request = new ChatRequest(Map.of("model", "m"), "req-1", Cancellation.NONE);

        assertEquals("recording", provider.name());
        try (Upstream upstream = provider.open(new UpstreamSettings("u", "http://127.0.0.1:1", null,
                Duration.ofSeconds(1), List.of(), Map.of()))) {
            upstream.listModels();
            upstream.complete(request);
            upstream.stream(request, chunk -> {
                seen.add("sink:" + (Thread.currentThread().getContextClassLoader() == caller ? "caller" : "other"));
                return true;
            });
        }

        assertEquals(List.of("name:plugin:test", "open:plugin:test", "listModels:plugin:test", "complete:plugin:test",
                "stream:plugin:test", "sink:caller", "stream:plugin:test", "close:plugin:test"), seen);
        assertSame(caller, Thread.currentThread().getContextClassLoader());
    }

    /**
     * A pass-through provider's calls: the bytes and embeddings it answers reach the caller unchanged, and what the
     * client's sink answers (false: the client has gone, stop) reaches the plugin, chunk by chunk.
     */
    @Test
    void jsonAnswersPassThroughAndTheClientsAnswerToEachChunkReachesThePlugin() throws Exception {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        byte[] completion = "{\"id\":\"chatcmpl-1\"}".getBytes(StandardCharsets.UTF_8);
        Upstream passThrough = new Upstream() {
            public List<String> listModels() {
                return List.of();
            }

            public Map<String, Object> complete(ChatRequest request) {
                return Map.of();
            }

            public void stream(ChatRequest request, ChunkSink sink) {
                seen.add("stream kept on: " + sink.accept(Map.of("id", "1")));
            }

            public byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) {
                return completion;
            }

            public void streamJson(ChatRequest request, byte[] body, JsonChunkSink sink) {
                seen.add("json kept on: " + sink.acceptJson("{\"id\":\"1\"}") + " under "
                        + Thread.currentThread().getContextClassLoader().getName());
                seen.add("parsed kept on: " + sink.accept(Map.of("id", "2")));
            }

            public Map<String, Object> embed(EmbeddingRequest request) {
                return Map.of("object", "list");
            }
        };
        Upstream upstream = PluginUpstreams.withContextLoader(pluginLoader, new UpstreamProvider() {
            @Override
            public String name() {
                return "pass-through";
            }

            @Override
            public Upstream open(UpstreamSettings settings) {
                seen.add("open:" + Thread.currentThread().getContextClassLoader().getName());
                return passThrough;
            }
        }).open(new UpstreamSettings("u", "http://127.0.0.1:1", null, Duration.ofSeconds(1), List.of(), Map.of()));
        ChatRequest request = new ChatRequest(Map.of("model", "m"), "req-2", Cancellation.NONE);

        assertArrayEquals(completion, upstream.completeJson(request, new byte[0], null));
        assertEquals(Map.of("object", "list"), upstream.embed(new EmbeddingRequest(Map.of("input", "hi"), "req-3",
                Cancellation.NONE, null)));
        upstream.stream(request, chunk -> false);
        upstream.stream(request, chunk -> true);
        upstream.streamJson(request, new byte[0], new JsonChunkSink() {
            @Override
            public boolean accept(Map<String, Object> chunk) {
                return Thread.currentThread().getContextClassLoader() == caller;
            }

            @Override
            public boolean acceptJson(String data) {
                return false;
            }
        });
        upstream.streamJson(request, new byte[0], new JsonChunkSink() {
            @Override
            public boolean accept(Map<String, Object> chunk) {
                return false;
            }

            @Override
            public boolean acceptJson(String data) {
                return true;
            }
        });

        assertEquals(List.of("open:plugin:test", "stream kept on: false", "stream kept on: true",
                "json kept on: false under plugin:test", "parsed kept on: true",
                "json kept on: true under plugin:test", "parsed kept on: false"), seen,
                "the sink runs under the caller's loader, the plugin under its own again after it");
    }
}
