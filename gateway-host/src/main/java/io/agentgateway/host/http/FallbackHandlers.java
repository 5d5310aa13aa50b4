package io.agentgateway.host.http;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.usage.UsageNotWrittenException;
import io.helidon.common.Weighted;
import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpFeature;
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
        // A usage read (GET /usage) refused while the database stalls the writes: the gateway's trouble, not the
        // client's, and passing; like the gateway's other 503s, it says when to come back.
        routing.error(UsageNotWrittenException.class, (req, res, error) -> {
            if (!res.isSent()) {
                ErrorResponses.send(res, usageNotWritten(error));
            }
        });
        // A request body whose framing is broken (a bad chunk size, say) is the client's mistake: a 400 saying what
        // was wrong, and the connection closes, since where the next request would start is lost.
        routing.error(BadRequestException.class, (req, res, error) -> {
            if (!res.isSent()) {
                res.header(HeaderValues.CONNECTION_CLOSE);
                ErrorResponses.send(res, new GatewayException(400, "invalid_request_error", "malformed_request",
                        null, error.getMessage()));
            }
        });
        // Throwable, not Exception: an Error (a plugin's LinkageError, an OutOfMemoryError) must not leave as
        // Helidon's plain-text 500 either.
        routing.error(Throwable.class, (req, res, error) -> {
            RequestScope scope = req.context().get(RequestScope.class).orElse(null);
            String requestId = scope == null ? null : scope.requestId();
            EventLog.error("http.error", "request_id", requestId, "path", scope == null ? null : scope.path(),
                    "error", error.getClass().getName() + ": " + error.getMessage());
            if (!res.isSent()) {
                ErrorResponses.send(res, new GatewayException(500, "api_error", "internal_error", null,
                        "The gateway failed to handle the request (request id " + requestId + "). The error is in"
                                + " the gateway's log."));
            }
        });
    }

    /** @return the 503 for a usage read refused because the usage of earlier calls is not yet written */
    private static GatewayException usageNotWritten(UsageNotWrittenException error) {
        long seconds = error.waited().toSeconds();
        return new GatewayException(503, "api_error", "usage_not_written", null, "The usage of the latest calls is"
                + " not yet written to the database (the writes are more than " + seconds + " s behind), so the sums"
                + " would miss it. Send the request again later.", error.waited());
    }

    /**
     * Answers routes nobody serves with OpenAI's 404 body. Registered as the lightest feature, so that it comes after
     * the routes of server features too (the observe feature's {@code /metrics}, weight 80), which Helidon orders
     * after the routing's own routes.
     */
    public static void unknownRoutes(HttpRouting.Builder routing) {
        routing.addFeature(new UnknownRoutes());
    }

    private static final class UnknownRoutes implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.any(FallbackHandlers::unknownRoute);
        }

        @Override
        public double weight() {
            return 0;
        }
    }

    private static void unknownRoute(ServerRequest req, ServerResponse res) {
        throw new GatewayException(404, "invalid_request_error", "unknown_url", null,
                "Invalid URL (" + req.prologue().method().text() + " " + req.path().path() + ")");
    }
}
