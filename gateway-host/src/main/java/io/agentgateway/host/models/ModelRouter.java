package io.agentgateway.host.models;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Resolves the model id of a request. Catalog entries first; then {@code <upstream>/<model>} for any configured
 * upstream, even when the model was not in its list, since local servers gain models (ollama pull) while the gateway
 * runs. Such a request reaches the upstream, whose own 404 then reaches the client.
 *
 * <p>Right after start-up the upstreams are still being asked for their models. A request for an id that is not
 * known yet (a bare name such as {@code llama3.2}, which only a listing can tie to its upstream) waits for those first
 * listings, at most {@link #FIRST_LISTING_WAIT}, and is resolved again: it is not told that a model is missing
 * that the gateway is about to learn of. Once every upstream has answered or failed once, nothing waits.
 */
public final class ModelRouter {

    /** The longest a request waits for the upstreams' first model listings. */
    public static final Duration FIRST_LISTING_WAIT = Duration.ofSeconds(10);

    private final ModelCatalog catalog;
    private final UnlistedModels unlisted;

    /** @param unlisted answers ids the catalog does not list yet ({@code <upstream>/<model>}) */
    public ModelRouter(ModelCatalog catalog, UnlistedModels unlisted) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.unlisted = requireNonNull(unlisted, "unlisted is null");
    }

    public Optional<ModelEntry> resolve(String model) {
        Optional<ModelEntry> entry = catalog.find(model);
        if (entry.isPresent()) {
            return entry;
        }
        Optional<ModelEntry> direct = unlisted.find(model);
        if (direct.isPresent()) {
            return direct;
        }
        catalog.awaitListed(FIRST_LISTING_WAIT);
        return catalog.find(model);
    }
}
