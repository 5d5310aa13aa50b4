package io.agentgateway.host.upstreams;

import io.agentgateway.api.upstream.Upstream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configured upstreams, opened through their providers, by name, and the models their metrics may name. */
public final class UpstreamRegistry {

    private final Map<String, Upstream> byName = new ConcurrentHashMap<>();
    private final MeteredModels meteredModels = new MeteredModels();

    /** @return the models of each upstream its metrics name (configured or listed), shared by everything here */
    public MeteredModels meteredModels() {
        return meteredModels;
    }

    /** Adds or replaces an upstream, closing the one it replaces. */
    public void put(String name, Upstream upstream) {
        Upstream previous = byName.put(name, upstream);
        if (previous != null && previous != upstream) {
            previous.close();
        }
    }

    /** @return the upstream with that name, if configured and opened */
    public Optional<Upstream> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the names of every opened upstream */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(byName.keySet());
    }

    /** Closes every upstream. */
    public void closeAll() {
        byName.values().forEach(Upstream::close);
        byName.clear();
    }
}
