package io.agentgateway.host.plugins;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.EmbeddingRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The upstream providers the gateway opens its upstreams with, by name, each standing for whichever loaded plugin
 * version offers that name now. An upstream opened through one stays open while plugins come and go: each call goes
 * to the version the request already uses ({@link PluginLeases}), else to the newest, which opens its own upstream
 * for the entry on first use; a version's upstreams are closed when it is unloaded.
 */
public final class LiveProviders {

    private final Map<String, LiveProvider> byName = new ConcurrentHashMap<>();

    /** @return the provider called {@code name}, bound to a plugin or not (its calls then fail as unreachable) */
    public UpstreamProvider provider(String name) {
        return byName.computeIfAbsent(requireNonNull(name, "name is null"), LiveProvider::new);
    }

    /** @return a provider for each name, in the given order */
    public Map<String, UpstreamProvider> providers(Collection<String> names) {
        Map<String, UpstreamProvider> out = new LinkedHashMap<>();
        names.forEach(name -> out.put(name, provider(name)));
        return out;
    }

    /** @return whether a loaded plugin offers a provider called {@code name} now */
    public boolean bound(String name) {
        LiveProvider provider = byName.get(name);
        return provider != null && provider.current != null;
    }

    /**
     * Makes {@code plugin}'s {@code offered} provider the one new calls for its name go to.
     *
     * @return false when another plugin id already offers that name (the first keeps it)
     */
    public boolean bind(FoundPlugin plugin, UpstreamProvider offered) {
        LiveProvider provider = (LiveProvider) provider(offered.name());
        Binding binding = new Binding(plugin.id(), inFlightOf(plugin),
                PluginUpstreams.withContextLoader(plugin.loader(), offered));
        synchronized (provider) {
            Binding current = provider.current;
            if (current != null && !current.pluginId.equals(plugin.id())) {
                return false;
            }
            provider.live.put(binding.inFlight, binding);
            provider.current = binding;
            provider.lastPluginId = plugin.id();
        }
        return true;
    }

    /** New calls no longer go to {@code plugin}'s providers (it is being removed; running calls finish). */
    public void unbind(FoundPlugin plugin) {
        InFlight version = inFlightOf(plugin);
        for (LiveProvider provider : byName.values()) {
            synchronized (provider) {
                if (provider.current != null && provider.current.inFlight == version) {
                    provider.current = null;
                }
            }
        }
    }

    /** Closes the upstreams {@code plugin}'s version opened; call once it has drained. */
    public void forget(FoundPlugin plugin) {
        InFlight version = inFlightOf(plugin);
        for (LiveProvider provider : byName.values()) {
            synchronized (provider) {
                provider.live.remove(version);
                if (provider.current != null && provider.current.inFlight == version) {
                    provider.current = null;
                }
            }
            for (LiveUpstream upstream : provider.opened) {
                Upstream own = upstream.perVersion.remove(version);
                if (own != null) {
                    try {
                        own.close();
                    } catch (RuntimeException | Error e) {
                        EventLog.warn("agent.dropin.stop_failed", "plugin_id", plugin.id(),
                                "cause", "closing an upstream threw " + Causes.describe(e));
                    }
                }
            }
        }
    }

    static InFlight inFlightOf(FoundPlugin plugin) {
        return ((PluginClassLoader) plugin.loader()).inFlight();
    }

    private record Binding(String pluginId, InFlight inFlight, UpstreamProvider provider) {
    }

    private static final class LiveProvider implements UpstreamProvider {
        private final String name;
        private final Map<InFlight, Binding> live = new ConcurrentHashMap<>();
        private final List<LiveUpstream> opened = new CopyOnWriteArrayList<>();
        private volatile Binding current;
        private volatile String lastPluginId;

        LiveProvider(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Upstream open(UpstreamSettings settings) {
            Binding binding = current;
            LiveUpstream upstream = new LiveUpstream(this, settings);
            if (binding != null) {
                upstream.perVersion.put(binding.inFlight, binding.provider.open(settings)); // refuses bad settings now
            }
            opened.add(upstream);
            return upstream;
        }

        Binding pick() {
            Binding binding = current;
            String pluginId = binding != null ? binding.pluginId : lastPluginId;
            // A request that already used a version keeps it, even one removed since (it is still draining).
            Binding pinned = pluginId == null ? null : PluginLeases.pinned(pluginId).map(live::get).orElse(null);
            if (pinned != null) {
                return pinned;
            }
            if (binding == null) {
                // Not an UpstreamException: no server failed, so nothing is retried and no circuit counts it.
                throw new GatewayException(502, "api_error", "plugin_not_loaded", null, "no loaded plugin provides"
                        + " '" + name + "' (its plugin is not loaded, or was removed); GET /plugins lists the plugins");
            }
            return binding;
        }
    }

    private static final class LiveUpstream implements Upstream {
        private final LiveProvider provider;
        private final UpstreamSettings settings;
        private final Map<InFlight, Upstream> perVersion = new ConcurrentHashMap<>();

        LiveUpstream(LiveProvider provider, UpstreamSettings settings) {
            this.provider = provider;
            this.settings = settings;
        }

        private interface Call<T> {
            T on(Upstream upstream) throws UpstreamException;
        }

        private <T> T call(Call<T> call) throws UpstreamException {
            try {
                return call.on(upstream());
            } catch (GatewayException e) {
                if (!PluginCalls.UNLOADED.equals(e.code())) {
                    throw e;
                }
                // The version picked was unloaded before the call reached it; no plugin code ran.
                return call.on(upstream());
            }
        }

        private Upstream upstream() {
            Binding binding = provider.pick();
            return perVersion.computeIfAbsent(binding.inFlight, version -> binding.provider.open(settings));
        }

        @Override
        public List<String> listModels() throws UpstreamException {
            return call(Upstream::listModels);
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
            return call(upstream -> upstream.complete(request));
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
            call(upstream -> {
                upstream.stream(request, sink);
                return null;
            });
        }

        @Override
        public byte[] completeJson(ChatRequest request, byte[] body, JsonCodec json) throws UpstreamException {
            return call(upstream -> upstream.completeJson(request, body, json));
        }

        @Override
        public void streamJson(ChatRequest request, byte[] body, JsonChunkSink sink) throws UpstreamException {
            call(upstream -> {
                upstream.streamJson(request, body, sink);
                return null;
            });
        }

        @Override
        public Map<String, Object> embed(EmbeddingRequest request) throws UpstreamException {
            return call(upstream -> upstream.embed(request));
        }

        @Override
        public void close() {
            provider.opened.remove(this);
            perVersion.values().forEach(upstream -> {
                try {
                    upstream.close();
                } catch (RuntimeException | Error e) {
                    EventLog.warn("upstream.close_failed", "upstream", settings.name(), "cause", Causes.describe(e));
                }
            });
            perVersion.clear();
        }
    }
}
