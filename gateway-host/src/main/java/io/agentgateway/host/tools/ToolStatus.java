package io.agentgateway.host.tools;

import java.util.Locale;

/** How one tool call ended: the {@code status} of {@code tool.invoke} logs and of metrics. */
public enum ToolStatus {
    OK(200, null),
    /** The tool failed. */
    ERROR(502, "tool_error"),
    /** The access rules refuse the tool to this caller. */
    DENIED(403, "tool_forbidden"),
    /** The arguments do not match the tool's schema (or are not a JSON object). */
    INVALID_ARGUMENTS(400, "invalid_tool_arguments"),
    /** The tool did not answer within its timeout. */
    TIMEOUT(504, "tool_timeout"),
    /** No tool has that name. */
    NOT_FOUND(404, "tool_not_found"),
    /** The service behind the tool (an MCP server) is down. */
    UNAVAILABLE(503, "tool_unavailable");

    private final int httpStatus;
    private final String errorType;

    ToolStatus(int httpStatus, String errorType) {
        this.httpStatus = httpStatus;
        this.errorType = errorType;
    }

    /** @return the lower-case name shown in logs and metric labels */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the HTTP-like status the error object the model reads carries */
    int httpStatus() {
        return httpStatus;
    }

    /** @return the {@code type} of that error object; null for {@link #OK} */
    String errorType() {
        return errorType;
    }
}
