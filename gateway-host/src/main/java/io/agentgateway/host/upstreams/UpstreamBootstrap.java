package io.agentgateway.host.upstreams;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.observe.EventLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens every upstreams.yaml entry through the provider it names, and registers its models: those listed in the
 * config at once, those the server lists itself as soon as it answers (in the background, so a server that is down
 * delays nothing). An entry whose provider no plugin offers is reported and left out.
 */
public final class UpstreamBootstrap {

    private final UpstreamRegistry registry;
    private final ModelCatalog catalog;
    private final Map<String, UpstreamStatus> statuses = new ConcurrentHashMap<>();

    public UpstreamBootstrap(UpstreamRegistry registry, ModelCatalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    /**
     * @param entries the parsed upstreams.yaml
     * @param providers the providers the loaded plugins offer, by name
     */
    public void open(List<UpstreamEntry> entries, Map<String, UpstreamProvider> providers) {
        for (UpstreamEntry entry : entries) {
            UpstreamProvider provider = providers.get(entry.provider());
            if (provider == null) {
                String reason = "no loaded plugin provides '" + entry.provider() + "' (loaded: "
                        + providers.keySet() + ")";
                statuses.put(entry.name(), new UpstreamStatus(entry, false, reason, null));
                EventLog.error("upstream.disabled", "upstream", entry.name(), "reason", reason);
                continue;
            }
            Upstream upstream;
            try {
                upstream = provider.open(entry.settings());
            } catch (RuntimeException e) {
                String reason = "provider '" + entry.provider() + "' could not open it: " + e.getMessage();
                statuses.put(entry.name(), new UpstreamStatus(entry, false, reason, null));
                EventLog.error("upstream.disabled", "upstream", entry.name(), "reason", reason);
                continue;
            }
            registry.put(entry.name(), upstream);
            statuses.put(entry.name(), new UpstreamStatus(entry, true, null, null));
            entry.settings().models().forEach(model -> register(entry.name(), upstream, model));
            Thread.ofVirtual().name("discover-" + entry.name()).start(() -> discover(entry, upstream));
        }
    }

    /** @return what is known of each configured upstream, for the admin route */
    public List<UpstreamStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    private void discover(UpstreamEntry entry, Upstream upstream) {
        try {
            List<String> models = upstream.listModels();
            models.forEach(model -> register(entry.name(), upstream, model));
            statuses.put(entry.name(), new UpstreamStatus(entry, true, null, Instant.now()));
            EventLog.info("upstream.models", "upstream", entry.name(), "count", models.size());
        } catch (UpstreamException | RuntimeException e) {
            statuses.put(entry.name(), new UpstreamStatus(entry, false, e.getMessage(), Instant.now()));
            EventLog.warn("upstream.unhealthy", "upstream", entry.name(), "error", e.getMessage());
        }
    }

    private void register(String upstreamName, Upstream upstream, String model) {
        catalog.register(new ModelEntry(upstreamName + "/" + model, upstreamName, "upstream", "", Map.of(),
                new UpstreamModelHandler(upstream, model)));
    }
}
