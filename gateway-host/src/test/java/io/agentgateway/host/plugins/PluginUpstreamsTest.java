package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.net.URL;
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
}
