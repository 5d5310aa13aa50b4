package io.agentgateway.host.tools;

import java.util.Map;

/**
 * One tool as {@code GET /tools} lists it.
 *
 * @param name the registered name
 * @param provider where its code runs
 * @param source the plugin id, {@code tools.yaml}, or the MCP server name
 * @param description what the tool does
 * @param schema the JSON schema of its arguments
 * @param timeoutMs how long one call may run
 * @param available for MCP tools, whether the server is connected; null for other kinds
 * @param details kind-specific fields: an HTTP tool's url and method, an MCP tool's remote name
 */
public record ToolInfo(String name, ToolProvider provider, String source, String description, Map<String, Object> schema,
        long timeoutMs, Boolean available, Map<String, Object> details) {
}
