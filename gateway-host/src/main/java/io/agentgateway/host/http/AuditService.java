package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.store.AuditEvent;
import io.agentgateway.host.store.AuditStore;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Admin route {@code GET /audit}: the newest admin actions first, optionally of one key or one action. */
public final class AuditService implements HttpService {

    private static final int MAX_LIMIT = 1000;

    private final AuditStore store;

    public AuditService(AuditStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        int limit = limit(req.query().first("limit").orElse("100"));
        var events = store.newest(req.query().first("key_id").orElse(null),
                req.query().first("action").orElse(null), limit);
        SecurityService.send(res, Map.of("object", "list",
                "data", events.stream().map(AuditService::describe).toList()));
    }

    private static Map<String, Object> describe(AuditEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", event.at().toString());
        out.put("request_id", event.requestId());
        out.put("key_id", event.keyId());
        out.put("action", event.action());
        out.put("target", event.target());
        out.put("result", event.result());
        out.put("status", event.status());
        return out;
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GatewayException.badRequest("limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
