package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.tool.ToolDefinition;
import java.time.Duration;
import java.util.Map;

/**
 * A tool as the invoker runs it: the raw definition (not yet governed), where it came from, and its limits.
 *
 * @param definition the tool's own definition; its function runs without any governance
 * @param provider where its code runs
 * @param source the plugin id, {@code tools.yaml}, the MCP server name, or the agent whose own tool it is
 * @param timeout how long one call may run
 * @param maxResultChars results longer than this are truncated with a marker
 * @param details extra fields shown by {@code GET /tools} (an HTTP tool's url and method)
 */
public record RegisteredTool(
        ToolDefinition definition, ToolProvider provider, String source, Duration timeout, int maxResultChars,
        Map<String, Object> details) {

    public RegisteredTool {
        requireNonNull(definition, "definition is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(source, "source is null");
        requireNonNull(timeout, "timeout is null");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public String name() {
        return definition.name();
    }
}
