package io.agentgateway.host.http;

import io.agentgateway.host.observe.EventLog;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Error mapping for the whole routing, registered once: every failure leaves as an OpenAI error body. */
public final class FallbackHandlers {

    private FallbackHandlers() {
    }

    /** Registers the error handlers; call before any route. */
    public static void errors(HttpRouting.Builder routing) {
        routing.error(GatewayException.class, (req, res, error) -> {
            if (!res.isSent()) {
                ErrorResponses.send(res, error);
            }
        });
        routing.error(Exception.class, (req, res, error) -> {
            String requestId = req.context().get(RequestScope.class).map(RequestScope::requestId).orElse(null);
            EventLog.error("http.error", "request_id", requestId, "path", req.path().path(),
                    "error", error.getClass().getName() + ": " + error.getMessage());
            if (!res.isSent()) {
                ErrorResponses.send(res, new GatewayException(500, "api_error", "internal_error", null,
                        "The gateway failed to handle the request (request id " + requestId + "). The error is in"
                                + " the gateway's log."));
            }
        });
    }

    /** Answers routes nobody serves with OpenAI's 404 body; call after every route. */
    public static void unknownRoutes(HttpRouting.Builder routing) {
        routing.any(FallbackHandlers::unknownRoute);
    }

    private static void unknownRoute(ServerRequest req, ServerResponse res) {
        throw new GatewayException(404, "invalid_request_error", "unknown_url", null,
                "Invalid URL (" + req.prologue().method().text() + " " + req.path().path() + ")");
    }
}
