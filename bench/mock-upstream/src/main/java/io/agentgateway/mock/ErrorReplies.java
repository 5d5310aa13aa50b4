package io.agentgateway.mock;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenAI-style error bodies: {@code {"error":{"message","type","param","code"}}}. */
final class ErrorReplies {

    private ErrorReplies() {
    }

    /** @return the error object the mock sends for {@code status}, with the type and code OpenAI uses */
    static Map<String, Object> forStatus(int status) {
        return switch (status) {
            case 400 -> error("mock error 400: the request was invalid", "invalid_request_error", null);
            case 401 -> error("mock error 401: incorrect API key provided", "invalid_request_error",
                    "invalid_api_key");
            case 403 -> error("mock error 403: not allowed", "permission_error", null);
            case 404 -> error("mock error 404: no such model", "invalid_request_error", "model_not_found");
            case 429 -> error("mock error 429: rate limit reached", "rate_limit_error", "rate_limit_exceeded");
            default -> error("mock error " + status + ": the server had an error", status >= 500 ? "api_error"
                    : "invalid_request_error", null);
        };
    }

    static Map<String, Object> error(String message, String type, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return Map.of("error", error);
    }

    /**
     * {@code echo-headers-NNN}: status NNN with the request's headers in the error message, as careless servers do;
     * {@code echo-key-NNN}: the same with only the presented key in it.
     */
    static void sendEcho(HttpExchange exchange, String model) throws IOException {
        int status = Integer.parseInt(model.substring(model.lastIndexOf('-') + 1));
        String message;
        if (model.startsWith("echo-key-")) {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            message = "mock error " + status + ": the key " + authorization.replaceFirst("(?i)^bearer\\s+", "")
                    + " is not valid for this model";
        } else {
            StringBuilder headers = new StringBuilder();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.append(name).append(": ").append(String.join(",", values)).append("\n"));
            message = "mock error " + status + ": bad request\n" + headers;
        }
        send(exchange, status, error(message, status >= 500 ? "api_error" : "invalid_request_error", null));
    }

    static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        sendJson(exchange, status, Json.write(body));
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
