package io.agentgateway.host.agents;

import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.tools.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A tool registry backed by a map. */
final class MapToolRegistry implements ToolRegistry {

    private final Map<String, ToolDefinition> tools = new ConcurrentHashMap<>();

    MapToolRegistry add(ToolDefinition tool) {
        tools.put(tool.name(), tool);
        return this;
    }

    @Override
    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    @Override
    public List<ToolDefinition> all() {
        return List.copyOf(tools.values());
    }
}
