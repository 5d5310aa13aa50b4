package io.agentgateway.host.tools;

/** Thrown by a tool whose backing service (an MCP server) is down; reported as {@code unavailable}, not a bug. */
final class ToolUnavailableException extends Exception {

    ToolUnavailableException(String message) {
        super(message);
    }
}
