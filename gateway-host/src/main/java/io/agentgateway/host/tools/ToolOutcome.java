package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one governed tool call produced: the text handed to the model and a status for logs and metrics.
 *
 * @param status how the call ended
 * @param text the tool result, or for a failure a JSON error object the model can read and act on
 */
public record ToolOutcome(ToolStatus status, String text) {

    public ToolOutcome {
        requireNonNull(status, "status is null");
        requireNonNull(text, "text is null");
    }

    public static ToolOutcome ok(String text) {
        return new ToolOutcome(ToolStatus.OK, text == null ? "" : text);
    }

    /** A failure whose text is {@code {"error":{"type","status","tool","message"}}}, HTTP-like status included. */
    public static ToolOutcome failure(ToolStatus status, String tool, String message) {
        if (status == ToolStatus.OK) {
            throw new IllegalArgumentException("a failure needs a failing status");
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", status.errorType());
        error.put("status", status.httpStatus());
        error.put("tool", tool);
        error.put("message", message);
        return new ToolOutcome(status, Json.write(Map.of("error", error)));
    }

    public boolean isError() {
        return status != ToolStatus.OK;
    }
}
