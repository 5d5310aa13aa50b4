package io.agentgateway.host;

import io.agentgateway.api.PluginContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.plugins.PluginLogger;
import java.util.Optional;
import java.util.function.Function;

/** What each plugin receives from the host: its id, a logger whose records carry it, and the gateway's tools. */
final class HostPluginContext implements PluginContext {

    private final String pluginId;
    private final System.Logger logger;
    private final Function<String, Optional<ToolDefinition>> gatewayTools;

    HostPluginContext(String pluginId, Function<String, Optional<ToolDefinition>> gatewayTools) {
        this.pluginId = pluginId;
        this.logger = new PluginLogger(pluginId);
        this.gatewayTools = gatewayTools;
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public System.Logger logger() {
        return logger;
    }

    @Override
    public Optional<ToolDefinition> gatewayTool(String name) {
        return gatewayTools.apply(name);
    }
}
