package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.openai.GatewayException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The versions of one plugin behind a provider name, as a reload goes through them: the new version serves, the old
 * one's upstreams are closed once it has drained (and only then, only its own), and every kind of call reaches the
 * version in force.
 */
class LiveProviderVersionsTest {

    private static final UpstreamSettings SETTINGS = new UpstreamSettings("local", "", null, Duration.ofSeconds(5),
            List.of(), Map.of());
    private static final ChatRequest REQUEST = new ChatRequest(Map.of("model", "m"), "req-1", Cancellation.NONE);

    private final LiveProviders providers = new LiveProviders();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<PluginClassLoader> loaders = new CopyOnWriteArrayList<>();
    private final CapturedEvents events = new CapturedEvents();

    @AfterEach
    void closeLoaders() throws Exception {
        events.close();
        for (PluginClassLoader loader : loaders) {
            loader.close();
        }
    }

    @Test
    void aNewVersionServesAndTheOldOnesUpstreamsCloseWhenItHasDrained() throws Exception {
        FoundPlugin v1 = version("1");
        assertTrue(providers.bind(v1, new Recording("v1")));
        Upstream upstream = providers.provider("echo").open(SETTINGS);
        assertEquals(Map.of("by", "v1"), upstream.complete(REQUEST));

        FoundPlugin v2 = version("2");
        assertTrue(providers.bind(v2, new Recording("v2")), "a plugin's new version takes its own name over");
        providers.unbind(v1); // the old version leaves: it is no longer the one in force, so nothing changes
        assertTrue(providers.bound("echo"));
        assertEquals(Map.of("by", "v2"), upstream.complete(REQUEST));

        providers.forget(v1);
        assertEquals(List.of("v1 open", "v1 complete", "v2 open", "v2 complete", "v1 close"), calls);
        assertTrue(providers.bound("echo"), "forgetting the old version leaves the new one bound");
        assertEquals(Map.of("by", "v2"), upstream.complete(REQUEST));

        providers.unbind(v2);
        assertFalse(providers.bound("echo"));
        GatewayException none = assertThrows(GatewayException.class, () -> upstream.complete(REQUEST));
        assertEquals("plugin_not_loaded", none.code());
    }

    @Test
    void anUpstreamThatFailsToCloseIsLoggedAndTheOthersStillClose() throws Exception {
        FoundPlugin v1 = version("1");
        providers.bind(v1, new Recording("v1") {
            @Override
            public void close() {
                super.close();
                throw new IllegalStateException("socket already gone");
            }
        });
        Upstream first = providers.provider("echo").open(SETTINGS);
        Upstream second = providers.provider("echo").open(SETTINGS);

        providers.forget(v1);
        assertEquals(List.of("v1 open", "v1 open", "v1 close", "v1 close"), calls);
        Map<String, Object> logged = events.named("agent.dropin.stop_failed").getFirst();
        assertEquals("version-test", logged.get("plugin_id"));
        assertTrue(String.valueOf(logged.get("cause")).contains("socket already gone"), logged.toString());
        first.close();
        second.close();
        assertEquals(4, calls.size(), "what the version's unloading closed is not closed again");
    }

    @Test
    void closingAnUpstreamClosesWhatEachVersionOpenedForItOnce() throws Exception {
        FoundPlugin v1 = version("1");
        providers.bind(v1, new Recording("v1"));
        Upstream upstream = providers.provider("echo").open(SETTINGS);
        providers.bind(version("2"), new Recording("v2") {
            @Override
            public void close() {
                super.close();
                throw new IllegalStateException("already closed by the server");
            }
        });
        upstream.listModels();

        upstream.close();
        assertTrue(calls.containsAll(List.of("v1 close", "v2 close")), calls.toString());
        Map<String, Object> logged = events.named("upstream.close_failed").getFirst();
        assertEquals("local", logged.get("upstream"));
        providers.forget(v1);
        assertEquals(1, calls.stream().filter("v1 close"::equals).count(), "closed once: " + calls);
    }

    @Test
    void everyKindOfCallReachesTheVersionInForceAndItsAnswerComesBack() throws Exception {
        providers.bind(version("1"), new Recording("v1"));
        Upstream upstream = providers.provider("echo").open(SETTINGS);
        List<Map<String, Object>> chunks = new CopyOnWriteArrayList<>();
        List<String> jsonChunks = new CopyOnWriteArrayList<>();

        assertArrayEquals("{\"by\":\"v1\"}".getBytes(StandardCharsets.UTF_8),
                upstream.completeJson(REQUEST, new byte[0], null));
        assertEquals(Map.of("object", "list", "by", "v1"),
                upstream.embed(new EmbeddingRequest(Map.of("input", "hi"), "req-2", Cancellation.NONE, null)));
        upstream.stream(REQUEST, chunk -> chunks.add(chunk));
        upstream.streamJson(REQUEST, new byte[0], new JsonChunkSink() {
            @Override
            public boolean accept(Map<String, Object> chunk) {
                return chunks.add(chunk);
            }

            @Override
            public boolean acceptJson(String data) {
                return jsonChunks.add(data);
            }
        });
        assertEquals(List.of(Map.of("by", "v1")), chunks);
        assertEquals(List.of("{\"by\":\"v1\"}"), jsonChunks);
    }

    @Test
    void aPluginThatFailsIsCalledOnceNotRetried() throws Exception {
        providers.bind(version("1"), new Recording("v1") {
            @Override
            public Map<String, Object> complete(ChatRequest request) {
                super.complete(request);
                throw new IllegalStateException("bug");
            }
        });
        Upstream upstream = providers.provider("echo").open(SETTINGS);
        GatewayException failed = assertThrows(GatewayException.class, () -> upstream.complete(REQUEST));
        assertEquals("plugin_error", failed.code());
        assertEquals(1, calls.stream().filter("v1 complete"::equals).count(), calls.toString());
    }

    @Test
    void aCallToAVersionUnloadedJustAfterItWasPickedGoesToTheNewOneWithoutAnError() throws Exception {
        Upstream upstream = providers.provider("echo").open(SETTINGS); // opened at start, before plugins load
        FoundPlugin v1 = version("1");
        FoundPlugin v2 = version("2");
        providers.bind(v1, new Recording("v1") {
            @Override
            public Upstream open(UpstreamSettings settings) {
                // A reload puts v2 in force and closes v1 while this call is on its way to v1.
                providers.bind(v2, new Recording("v2"));
                try {
                    LiveProviders.inFlightOf(v1).close(Duration.ZERO);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.open(settings);
            }
        });

        assertEquals(Map.of("by", "v2"), upstream.complete(REQUEST));
        assertEquals(List.of("v1 open", "v2 open", "v2 complete"), calls, "v1 never served the call");
    }

    private FoundPlugin version(String version) {
        PluginClassLoader loader = new PluginClassLoader("version-test", new URL[0], getClass().getClassLoader());
        loaders.add(loader);
        return new FoundPlugin("version-test", version, PluginState.STARTED, null, new GatewayPlugin() { }, loader,
                "version-test.jar");
    }

    /** A provider named 'echo' whose upstreams say which version answered, and record what the host called. */
    private class Recording implements UpstreamProvider, Upstream {
        private final String version;

        Recording(String version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Upstream open(UpstreamSettings settings) {
            calls.add(version + " open");
            return this;
        }

        @Override
        public List<String> listModels() {
            return List.of();
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) {
            calls.add(version + " complete");
            return Map.of("by", version);
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) {
            sink.accept(Map.of("by", version));
        }

        @Override
        public byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) {
            return ("{\"by\":\"" + version + "\"}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void streamJson(ChatRequest request, byte[] body, JsonChunkSink sink) {
            sink.acceptJson("{\"by\":\"" + version + "\"}");
        }

        @Override
        public Map<String, Object> embed(EmbeddingRequest request) {
            return Map.of("object", "list", "by", version);
        }

        @Override
        public void close() {
            calls.add(version + " close");
        }
    }
}
