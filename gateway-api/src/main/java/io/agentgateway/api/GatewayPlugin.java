package io.agentgateway.api;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.upstream.UpstreamProvider;
import java.util.List;

/**
 * The one entry point of a plugin. Each method contributes one kind of extension and defaults to none, so a plugin
 * overrides only what it offers.
 *
 * <p>The host calls these methods once, after the plugin started, on a thread whose context class loader is the
 * plugin's. An exception thrown here disables this plugin only; the gateway keeps serving the others.
 */
public interface GatewayPlugin {

    /**
     * Upstream providers: factories of connections to model servers, selected by {@code provider:} in upstreams.yaml.
     *
     * @param context what the host offers to this plugin
     * @return the providers, empty by default
     */
    default List<UpstreamProvider> upstreamProviders(PluginContext context) {
        return List.of();
    }

    /**
     * Agents, each listed in {@code /v1/models} as {@code <namespace>/<name>}.
     *
     * @param context what the host offers to this plugin
     * @return the agents, empty by default
     */
    default List<AgentDefinition> agents(PluginContext context) {
        return List.of();
    }

    /**
     * Tools registered with the gateway's tool registry, callable by any agent the security rules allow.
     *
     * @param context what the host offers to this plugin
     * @return the tools, empty by default
     */
    default List<ToolDefinition> tools(PluginContext context) {
        return List.of();
    }
}
