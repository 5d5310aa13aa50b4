package io.agentgateway.host.http;

import io.helidon.http.HeaderNames;
import java.util.function.BooleanSupplier;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /health} and {@code GET /}: liveness; {@code GET /ready}: readiness. No key needed. */
public final class HealthService implements HttpService {

    private static final String BODY = "{\"status\":\"ok\",\"service\":\"agent-gateway\"}";

    private final BooleanSupplier draining;

    /** A gateway that never drains. */
    public HealthService() {
        this(() -> false);
    }

    /** @param draining whether the gateway is shutting down: {@code /ready} then answers 503 */
    public HealthService(BooleanSupplier draining) {
        this.draining = draining;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", HealthService::health);
        rules.get("/", HealthService::health);
        rules.get("/ready", this::ready);
    }

    /** Readiness: 503 from the moment a drain begins, so that a load balancer stops sending requests here. */
    private void ready(ServerRequest req, ServerResponse res) {
        if (draining.getAsBoolean()) {
            ErrorResponses.send(res, Drain.shuttingDown()); // a failure like any other: an OpenAI error body
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send("{\"status\":\"ready\",\"service\":\"agent-gateway\"}");
    }

    private static void health(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(BODY);
    }
}
