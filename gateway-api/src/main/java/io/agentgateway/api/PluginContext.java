package io.agentgateway.api;

import io.agentgateway.api.tool.ToolDefinition;
import java.util.Optional;

/** What the host offers a plugin. Plugins reach the host only through this object, never through statics. */
public interface PluginContext {

    /** @return this plugin's id, as in its {@code Plugin-Id} manifest entry */
    String pluginId();

    /** @return a logger whose records carry the plugin id */
    System.Logger logger();

    /**
     * Looks up a tool managed by the gateway (declared in tools.yaml, served by an MCP server, or contributed by
     * another plugin). Calls to the returned definition go through the gateway's tool manager: access rules, schema
     * validation, timeouts, logs and metrics apply as for any other tool call.
     *
     * @param name the tool's registered name
     * @return the tool, or empty when no such tool is registered
     */
    Optional<ToolDefinition> gatewayTool(String name);
}
