package io.agentgateway.host.upstreams;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.observe.Secrets;
import io.agentgateway.host.usage.UsageRecorder;
import io.helidon.metrics.api.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens every upstreams.yaml entry through the provider it names, and registers its models: those listed in the
 * config at once, those the server lists itself as soon as it answers (in the background, so a server that is down
 * delays nothing; requests for a model not known yet wait for that first answer, see {@code ModelRouter}). Servers are asked again every {@link #RECHECK_INTERVAL} and on {@link #refresh()}, so a local
 * server started after the gateway, or a model pulled later, shows up in {@code /v1/models}. An entry whose provider
 * no plugin offers is reported and left out. Every opened upstream is registered wrapped in {@link MeteredUpstream},
 * so each chat call to it is counted once, whether a client or an agent makes it; its models are answered by what
 * {@link ModelHandlers} makes for them (routing, with its retries and failover).
 */
public final class UpstreamSupervisor implements AutoCloseable {

    static final Duration RECHECK_INTERVAL = Duration.ofSeconds(60);

    private final UpstreamRegistry registry;
    private final ModelCatalog catalog;
    private final MeterRegistry meters;
    private final UsageRecorder usage;
    private final ModelHandlers handlers;
    private final Map<String, UpstreamStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, Upstream> opened = new ConcurrentHashMap<>();
    private final Map<String, UpstreamEntry> entriesByName = new ConcurrentHashMap<>();
    private volatile Thread rechecker;

    /**
     * @param usage where the tokens of every upstream call are recorded
     * @param handlers what answers {@code <upstream>/<model>} (routing: failover, retries, circuit breaking)
     */
    public UpstreamSupervisor(UpstreamRegistry registry, ModelCatalog catalog, MeterRegistry meters,
            UsageRecorder usage, ModelHandlers handlers) {
        this.registry = registry;
        this.catalog = catalog;
        this.meters = meters;
        this.usage = usage;
        this.handlers = handlers;
    }

    /**
     * @param entries the parsed upstreams.yaml
     * @param providers the providers the loaded plugins offer, by name
     */
    public void open(List<UpstreamEntry> entries, Map<String, UpstreamProvider> providers) {
        for (UpstreamEntry entry : entries) {
            Secrets.register(entry.settings().apiKey()); // never echoed back by an upstream's error
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
                upstream = new MeteredUpstream(entry.name(), provider.open(entry.settings()), meters,
                        registry.meteredModels(), usage);
            } catch (RuntimeException e) {
                String reason = "provider '" + entry.provider() + "' could not open it: " + e.getMessage();
                statuses.put(entry.name(), new UpstreamStatus(entry, false, reason, null));
                EventLog.error("upstream.disabled", "upstream", entry.name(), "reason", reason);
                continue;
            }
            registry.put(entry.name(), upstream);
            opened.put(entry.name(), upstream);
            entriesByName.put(entry.name(), entry);
            statuses.put(entry.name(), new UpstreamStatus(entry, true, null, null));
            registry.meteredModels().add(entry.name(), entry.settings().models());
            entry.settings().models().forEach(model -> register(entry.name(), upstream, model));
            catalog.expect(entry.name());
            Thread.ofVirtual().name("discover-" + entry.name()).start(() -> discover(entry, upstream));
        }
        rechecker = Thread.ofVirtual().name("upstream-recheck").start(this::recheckPeriodically);
    }

    /** Asks every opened upstream for its models now; returns when all have answered or failed. */
    public List<UpstreamStatus> refresh() {
        List<Thread> asking = new ArrayList<>();
        opened.forEach((name, upstream) -> asking.add(
                Thread.ofVirtual().start(() -> discover(entriesByName.get(name), upstream))));
        for (Thread thread : asking) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return statuses();
    }

    @Override
    public void close() {
        Thread thread = rechecker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void recheckPeriodically() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(RECHECK_INTERVAL);
                refresh();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return what is known of each configured upstream, for the admin route */
    public List<UpstreamStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    private void discover(UpstreamEntry entry, Upstream upstream) {
        try {
            List<String> models = upstream.listModels();
            // Bounded by the server's list, not by clients: these may be metric labels.
            registry.meteredModels().add(entry.name(), models);
            models.forEach(model -> register(entry.name(), upstream, model));
            statuses.put(entry.name(), new UpstreamStatus(entry, true, null, Instant.now()));
            EventLog.info("upstream.models", "upstream", entry.name(), "count", models.size());
        } catch (UpstreamException | RuntimeException e) {
            statuses.put(entry.name(), new UpstreamStatus(entry, false, e.getMessage(), Instant.now()));
            EventLog.warn("upstream.unhealthy", "upstream", entry.name(), "error", e.getMessage());
        } finally {
            catalog.listed(entry.name());
        }
    }

    private void register(String upstreamName, Upstream upstream, String model) {
        catalog.register(new ModelEntry(upstreamName + "/" + model, upstreamName, ModelKind.UPSTREAM, "", Map.of(),
                handlers.of(upstreamName, model)));
    }
}
