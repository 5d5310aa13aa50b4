package io.agentgateway.mock;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test-control endpoints under {@code /__}: scripting answers and reading back received requests. */
final class ScriptRoutes {

    private ScriptRoutes() {
    }

    static void handle(HttpExchange exchange, String path, String method, ScriptQueue scripts, RequestLog requests)
            throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.startsWith("/__script/") && method.equals("POST")) {
            String model = path.substring("/__script/".length());
            List<Answer> answers;
            try {
                answers = answers(body);
            } catch (IllegalArgumentException | ClassCastException e) {
                ErrorReplies.send(exchange, 400, ErrorReplies.error("mock: bad script: " + e.getMessage(),
                        "invalid_request_error", null));
                return;
            }
            scripts.add(model, answers);
            ErrorReplies.sendJson(exchange, 200, "{\"queued\":" + scripts.size(model) + "}");
        } else if (path.equals("/__script") && method.equals("DELETE")) {
            scripts.clear();
            ErrorReplies.sendJson(exchange, 200, "{}");
        } else if (path.startsWith("/__requests/") && method.equals("GET")) {
            ErrorReplies.sendJson(exchange, 200, requests.json(path.substring("/__requests/".length())));
        } else if (path.equals("/__requests") && method.equals("DELETE")) {
            requests.clear();
            ErrorReplies.sendJson(exchange, 200, "{}");
        } else {
            ErrorReplies.send(exchange, 404, ErrorReplies.error("mock: no route for " + method + " " + path,
                    "invalid_request_error", null));
        }
    }

    /** Reads {@code {"responses":[<assistant message>, ...]}}. */
    @SuppressWarnings("unchecked")
    static List<Answer> answers(String json) {
        if (!(Json.parse(json) instanceof Map<?, ?> script) || !(script.get("responses") instanceof List<?> list)) {
            throw new IllegalArgumentException("expected {\"responses\":[...]}");
        }
        List<Answer> answers = new ArrayList<>();
        for (Object message : list) {
            answers.add(Answer.fromMessage((Map<String, Object>) message));
        }
        return answers;
    }
}
