package io.agentgateway.host.upstreams;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.models.UnlistedModels;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The configured upstreams, opened through their providers, by name. */
public final class UpstreamRegistry {

    private final Map<String, Upstream> byName = new ConcurrentHashMap<>();

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

    /**
     * The {@link UnlistedModels} of upstreams: {@code <upstream>/<model>} for every opened upstream, even for a model
     * its last listing did not show.
     *
     * @return an entry passing {@code id} to that upstream under its own model name, if the upstream is opened
     */
    public Optional<ModelEntry> unlistedModel(String id) {
        int slash = id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            return Optional.empty();
        }
        String upstreamName = id.substring(0, slash);
        String upstreamModel = id.substring(slash + 1);
        return Optional.ofNullable(byName.get(upstreamName)).map(upstream -> new ModelEntry(id, upstreamName,
                ModelKind.UPSTREAM, "", null, new UpstreamModelHandler(upstream, upstreamModel)));
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
