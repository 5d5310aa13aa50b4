package io.agentgateway.host.agents;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolContext;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.api.tool.ToolFunction;
import java.util.Map;

/**
 * A tool an agent names but the gateway's tool registry provides (agents.yaml {@code tools: [http_echo]}). It is
 * looked up when a run starts, so tools registered or reloaded later are found, and calls go through the registry's
 * governance.
 *
 * @param name the registered tool's name
 */
record GatewayToolReference(String name) implements ToolFunction {

    GatewayToolReference {
        requireNonNull(name, "name is null");
    }

    static ToolDefinition definition(String name) {
        return new ToolDefinition(name, "", null, new GatewayToolReference(name));
    }

    @Override
    public String call(Map<String, Object> arguments, ToolContext context) {
        throw new IllegalStateException("tool " + name + " is resolved through the tool registry when a run starts");
    }
}
