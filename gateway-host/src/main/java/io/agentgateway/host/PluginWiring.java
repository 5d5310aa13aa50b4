package io.agentgateway.host;

import io.agentgateway.api.PluginContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.host.agents.AgentRegistry;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.plugins.FoundPlugin;
import io.agentgateway.host.plugins.LivePlugins;
import io.agentgateway.host.plugins.LiveProviders;
import io.agentgateway.host.tools.ToolManager;
import io.agentgateway.httpclient.HttpClients;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a plugin's contributions join the gateway and leave it again: its tools the tool registry, its providers the
 * live providers upstreams are opened with, its agents the agent registry. At start-up each step runs for all plugins
 * in the order start-up needs (every tool before any agent); later, for one plugin at a time as it is added,
 * replaced or removed ({@link LivePlugins.Listener}).
 */
final class PluginWiring implements LivePlugins.Listener {

    private final ToolManager tools;
    private final HttpClients http;
    private final LiveProviders providers;
    private final PluginContributions contributed;
    private volatile AgentRegistry agents;
    private volatile Runnable relist = () -> { };

    PluginWiring(ToolManager tools, HttpClients http, LiveProviders providers, PluginContributions contributed) {
        this.tools = tools;
        this.http = http;
        this.providers = providers;
        this.contributed = contributed;
    }

    /** @param relist asks the upstreams for their models again (after a provider came or went) */
    void attach(AgentRegistry agents, Runnable relist) {
        this.agents = agents;
        this.relist = relist;
    }

    void registerTools(FoundPlugin plugin) {
        List<ToolDefinition> offered = contributions(plugin, "tools", () -> plugin.plugin().tools(context(plugin)));
        tools.registerPluginTools(plugin.id(), offered);
        contributed.tools(plugin.id(), offered.stream().map(ToolDefinition::name).toList());
    }

    void bindProviders(FoundPlugin plugin) {
        List<UpstreamProvider> offered = contributions(plugin, "upstream providers",
                () -> plugin.plugin().upstreamProviders(context(plugin)));
        List<String> names = offered.stream().map(UpstreamProvider::name).toList();
        for (UpstreamProvider provider : offered) {
            if (!providers.bind(plugin, provider)) {
                EventLog.error("upstream.provider.duplicate", "provider", provider.name(), "plugin", plugin.id(),
                        "reason", "another plugin already provides it; this one is ignored");
            }
        }
        contributed.providers(plugin.id(), names);
    }

    void registerAgents(FoundPlugin plugin) {
        agents.register(plugin.id(), plugin.loader(),
                contributions(plugin, "agents", () -> plugin.plugin().agents(context(plugin))));
    }

    @Override
    public void started(FoundPlugin plugin) {
        registerTools(plugin);
        bindProviders(plugin);
        registerAgents(plugin);
    }

    @Override
    public void removed(FoundPlugin plugin) {
        agents.unregister(plugin.id());
        tools.registerPluginTools(plugin.id(), List.of());
        providers.unbind(plugin);
        contributed.forget(plugin.id());
    }

    @Override
    public void drained(FoundPlugin plugin) {
        providers.forget(plugin);
    }

    @Override
    public void changed() {
        Thread.ofVirtual().name("plugins-relist").start(relist);
    }

    private PluginContext context(FoundPlugin plugin) {
        return new HostPluginContext(plugin.id(), tools::find, http);
    }

    /**
     * Asks a plugin for what it contributes. A plugin that throws here loses that contribution, not the gateway:
     * the failure is logged and counted like any other plugin failure.
     */
    static <T> List<T> contributions(FoundPlugin plugin, String what, Supplier<List<T>> ask) {
        try {
            List<T> offered = plugin.call(ask);
            return offered == null ? List.of() : List.copyOf(offered);
        } catch (RuntimeException | LinkageError e) {
            EventLog.error("agent.dropin.failed", "plugin_id", plugin.id(), "version", plugin.version(),
                    "state", "failed", "cause", "asking for its " + what + " threw " + e);
            return List.of();
        }
    }
}
