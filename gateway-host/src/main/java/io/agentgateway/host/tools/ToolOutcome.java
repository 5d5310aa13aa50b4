package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one governed tool call produced: the text handed to the model and a status for logs and metrics.
 *
 * @param status {@code ok}, {@code error}, {@code denied}, {@code invalid_arguments}, {@code timeout},
 *     {@code not_found} or {@code unavailable}
 * @param text the tool result, or for a failure a JSON error object the model can read and act on
 */
public record ToolOutcome(String status, String text) {

    public ToolOutcome {
        requireNonNull(status, "status is null");
        requireNonNull(text, "text is null");
    }

    public static ToolOutcome ok(String text) {
        return new ToolOutcome("ok", text == null ? "" : text);
    }

    /** A failure whose text is {@code {"error":{"type","status","tool","message"}}}, HTTP-like status included. */
    public static ToolOutcome failure(String status, String tool, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", errorType(status));
        error.put("status", httpStatus(status));
        error.put("tool", tool);
        error.put("message", message);
        return new ToolOutcome(status, Json.write(Map.of("error", error)));
    }

    public boolean isError() {
        return !"ok".equals(status);
    }

    private static String errorType(String status) {
        return switch (status) {
            case "denied" -> "tool_forbidden";
            case "invalid_arguments" -> "invalid_tool_arguments";
            case "timeout" -> "tool_timeout";
            case "not_found" -> "tool_not_found";
            case "unavailable" -> "tool_unavailable";
            default -> "tool_error";
        };
    }

    private static int httpStatus(String status) {
        return switch (status) {
            case "denied" -> 403;
            case "invalid_arguments" -> 400;
            case "timeout" -> 504;
            case "not_found" -> 404;
            case "unavailable" -> 503;
            default -> 502;
        };
    }
}
