package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import java.util.List;
import java.util.Map;

/**
 * Wraps a plugin's upstream provider so that every call into it, and into the upstreams it opens, runs with the
 * plugin's context class loader; the chunks it streams back reach the host's sink under the caller's loader again.
 * Whatever else than an {@code UpstreamException} the plugin throws becomes a 502 {@code plugin_error}
 * ({@link PluginCalls#serve}).
 */
public final class PluginUpstreams {

    private PluginUpstreams() {
    }

    /**
     * @param loader the class loader of the plugin that offered {@code provider} ({@link FoundPlugin#loader()})
     * @param provider the plugin's provider
     * @return the same provider, calling into the plugin with its context class loader set
     */
    public static UpstreamProvider withContextLoader(ClassLoader loader, UpstreamProvider provider) {
        return new ContextProvider(requireNonNull(loader, "loader is null"), requireNonNull(provider, "provider is null"));
    }

    private record ContextProvider(ClassLoader loader, UpstreamProvider provider) implements UpstreamProvider {

        @Override
        public String name() {
            return PluginCalls.setUp(loader, "provider name", provider::name);
        }

        @Override
        public Upstream open(UpstreamSettings settings) {
            return new ContextUpstream(loader, PluginCalls.setUp(loader, "open upstream",
                    () -> provider.open(settings)));
        }
    }

    private record ContextUpstream(ClassLoader loader, Upstream upstream) implements Upstream {

        @Override
        public List<String> listModels() throws UpstreamException {
            return PluginCalls.serve(loader, "list models", upstream::listModels);
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
            return PluginCalls.serve(loader, "complete", () -> upstream.complete(request));
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
            ClassLoader host = Thread.currentThread().getContextClassLoader();
            ChunkSink hostSink = chunk -> {
                Thread.currentThread().setContextClassLoader(host);
                try {
                    return PluginCalls.hostCallback(() -> sink.accept(chunk));
                } finally {
                    Thread.currentThread().setContextClassLoader(loader);
                }
            };
            PluginCalls.serveRun(loader, "stream", () -> upstream.stream(request, hostSink));
        }

        @Override
        public byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) throws UpstreamException {
            return PluginCalls.serve(loader, "complete", () -> upstream.completeJson(request, body, json));
        }

        @Override
        public void streamJson(ChatRequest request, byte[] body, JsonChunkSink sink) throws UpstreamException {
            ClassLoader host = Thread.currentThread().getContextClassLoader();
            JsonChunkSink hostSink = new JsonChunkSink() {
                @Override
                public boolean accept(Map<String, Object> chunk) {
                    return underHost(() -> sink.accept(chunk));
                }

                @Override
                public boolean acceptJson(String data) {
                    return underHost(() -> sink.acceptJson(data));
                }

                private boolean underHost(java.util.function.Supplier<Boolean> call) {
                    Thread.currentThread().setContextClassLoader(host);
                    try {
                        return PluginCalls.hostCallback(call);
                    } finally {
                        Thread.currentThread().setContextClassLoader(loader);
                    }
                }
            };
            PluginCalls.serveRun(loader, "stream", () -> upstream.streamJson(request, body, hostSink));
        }

        @Override
        public Map<String, Object> embed(EmbeddingRequest request) throws UpstreamException {
            return PluginCalls.serve(loader, "embed", () -> upstream.embed(request));
        }

        @Override
        public void close() {
            // Not under a lease: a version is closed after it has drained, when it admits no more calls.
            PluginCalls.run(loader, upstream::close);
        }
    }
}
