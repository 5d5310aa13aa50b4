package io.agentgateway.host.agents;

import io.agentgateway.host.openai.GatewayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Reads what an agent needs from the client's chat completions body, refusing what agents cannot do. */
final class ClientRequests {

    private ClientRequests() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> messages(Map<String, Object> body) {
        if (!(body.get("messages") instanceof List<?> list) || list.isEmpty()) {
            throw GatewayException.badRequest("messages", "'messages' must be a non-empty array of chat messages");
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> message) || !(message.get("role") instanceof String)) {
                throw GatewayException.badRequest("messages", "each message must be an object with a 'role'");
            }
            messages.add(Collections.unmodifiableMap((Map<String, Object>) message));
        }
        return Collections.unmodifiableList(messages);
    }

    static void rejectUnsupported(Map<String, Object> body) {
        if (body.get("n") instanceof Number n && n.intValue() != 1) {
            throw GatewayException.badRequest("n", "agents produce one answer per request: 'n' must be 1");
        }
    }
}
