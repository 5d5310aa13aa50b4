package io.agentgateway.host.upstreams;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model ids the upstream metrics may name in their {@code model} label: per upstream, those upstreams.yaml names
 * (its {@code models} list and the model groups' targets) and those the server itself listed. Any other id a call is
 * made with (a client may ask for {@code <upstream>/<anything>}, and the call goes out) is labelled
 * {@value #UNLISTED}, so that the number of series stays bounded by the config and the servers' lists, never by what
 * clients send.
 */
public final class MeteredModels {

    /** The label of a call whose model no config or listing names. */
    public static final String UNLISTED = "unlisted";

    private final Map<String, Set<String>> byUpstream = new ConcurrentHashMap<>();

    /** Names {@code models} of {@code upstream}, in addition to those named before. */
    public void add(String upstream, Collection<String> models) {
        byUpstream.computeIfAbsent(upstream, name -> ConcurrentHashMap.newKeySet()).addAll(models);
    }

    /** @return whether {@code model} of {@code upstream} was configured or listed */
    public boolean named(String upstream, String model) {
        Set<String> models = byUpstream.get(upstream);
        return models != null && model != null && models.contains(model);
    }

    /** @return the {@code model} label of a call to {@code upstream} with {@code model} */
    public String label(String upstream, String model) {
        return named(upstream, model) ? model : UNLISTED;
    }
}
