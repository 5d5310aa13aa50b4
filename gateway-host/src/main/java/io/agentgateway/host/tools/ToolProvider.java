package io.agentgateway.host.tools;

import java.util.Locale;

/** Where a tool's code runs: the {@code provider} of {@code GET /tools}, of {@code tool.invoke} logs and of metrics. */
public enum ToolProvider {
    /** Code inside the gateway: a plugin's tool, or an agent's own. */
    LOCAL,
    /** An HTTP endpoint declared in tools.yaml. */
    HTTP,
    /** A tool an MCP server lists. */
    MCP,
    /** Agents used as a tool: the call runs them. */
    AGENT;

    /** @return the lower-case name shown in responses, logs and metric labels */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
