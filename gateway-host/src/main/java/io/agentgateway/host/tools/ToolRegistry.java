package io.agentgateway.host.tools;

import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Optional;

/**
 * The tools the gateway manages, by name. The definitions it returns call through the gateway's governance (access
 * rules, schema validation, timeouts, logs, metrics), so agents and the MCP endpoint may call them directly.
 */
public interface ToolRegistry {

    /** @return the governed tool with that name, if registered */
    Optional<ToolDefinition> find(String name);

    /** @return every registered tool, governed */
    List<ToolDefinition> all();
}
