package io.agentgateway.host;

import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.agents.RegisteredAgent;
import io.agentgateway.host.models.ModelCatalog;
import io.agentgateway.host.models.ModelEntry;
import io.agentgateway.host.models.ModelKind;
import io.agentgateway.host.upstreams.UpstreamStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What each plugin contributes, for {@code GET /plugins}: the providers and tools it offered (recorded when it was
 * asked), and, looked up when asked, the agents it registered and the models those and its providers serve.
 */
final class PluginContributions {

    private final Map<String, List<String>> providers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> tools = new ConcurrentHashMap<>();
    private volatile AgentRegistry agents;
    private volatile ModelCatalog catalog;
    private volatile Supplier<List<UpstreamStatus>> upstreams = List::of;

    void providers(String pluginId, List<String> names) {
        providers.put(pluginId, List.copyOf(names));
    }

    void tools(String pluginId, List<String> names) {
        tools.put(pluginId, List.copyOf(names));
    }

    /** Where agents and models are looked up, once they exist. */
    void lookIn(AgentRegistry agents, ModelCatalog catalog, Supplier<List<UpstreamStatus>> upstreams) {
        this.agents = agents;
        this.catalog = catalog;
        this.upstreams = upstreams;
    }

    void forget(String pluginId) {
        providers.remove(pluginId);
        tools.remove(pluginId);
    }

    /** @return {@code providers}, {@code models}, {@code agents} and {@code tools} of plugin {@code pluginId} */
    Map<String, List<String>> of(String pluginId) {
        List<String> ownProviders = providers.getOrDefault(pluginId, List.of());
        Set<String> ownUpstreams = upstreams.get().stream()
                .filter(status -> ownProviders.contains(status.entry().provider()))
                .map(status -> status.entry().name())
                .collect(Collectors.toSet());
        List<String> agentIds = agents == null ? List.of() : agents.agents().stream()
                .filter(agent -> pluginId.equals(agent.source())).map(RegisteredAgent::id).sorted().toList();
        List<String> models = catalog == null ? List.of() : catalog.all().stream()
                .filter(entry -> entry.kind() == ModelKind.AGENT ? pluginId.equals(entry.ownedBy())
                        : ownUpstreams.contains(entry.ownedBy()))
                .map(ModelEntry::id).sorted().toList();
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("providers", ownProviders);
        out.put("models", models);
        out.put("agents", agentIds);
        out.put("tools", tools.getOrDefault(pluginId, List.of()));
        return out;
    }
}
