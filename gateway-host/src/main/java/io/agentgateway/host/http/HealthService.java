package io.agentgateway.host.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /health} and {@code GET /}: liveness, no key needed. */
public final class HealthService implements HttpService {

    private static final String BODY = "{\"status\":\"ok\",\"service\":\"agent-gateway\"}";

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", HealthService::health);
        rules.get("/", HealthService::health);
    }

    private static void health(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(BODY);
    }
}
