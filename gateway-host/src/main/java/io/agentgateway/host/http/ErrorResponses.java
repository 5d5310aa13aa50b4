package io.agentgateway.host.http;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.OpenAiErrors;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** Sends a failure as the response: its status, its OpenAI error body, and {@code Retry-After} when it has one. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** Sends {@code error} as the response, with its status. */
    public static void send(ServerResponse res, GatewayException error) {
        res.status(error.status());
        // Whole seconds, rounded up: the client must not come back before the upstream said it may.
        error.retryAfter().ifPresent(wait -> res.header(HeaderNames.RETRY_AFTER,
                Long.toString(wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0))));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(Json.writeBytes(OpenAiErrors.body(error)));
    }
}
