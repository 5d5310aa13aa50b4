package io.agentgateway.host.models;

import io.agentgateway.host.upstreams.UpstreamModelHandler;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import java.util.Optional;

/**
 * Resolves the model id of a request. Catalog entries first; then {@code <upstream>/<model>} for any configured
 * upstream, even when the model was not in its list, since local servers gain models (ollama pull) while the gateway
 * runs. Such a request reaches the upstream, whose own 404 then reaches the client.
 */
public final class ModelRouter {

    private final ModelCatalog catalog;
    private final UpstreamRegistry upstreams;

    public ModelRouter(ModelCatalog catalog, UpstreamRegistry upstreams) {
        this.catalog = catalog;
        this.upstreams = upstreams;
    }

    public Optional<ModelEntry> resolve(String model) {
        Optional<ModelEntry> entry = catalog.find(model);
        if (entry.isPresent()) {
            return entry;
        }
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            return Optional.empty();
        }
        String upstreamName = model.substring(0, slash);
        String upstreamModel = model.substring(slash + 1);
        return upstreams.find(upstreamName).map(upstream -> new ModelEntry(model, upstreamName, "upstream", "",
                null, new UpstreamModelHandler(upstream, upstreamModel)));
    }
}
