package io.agentgateway.api.upstream;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import java.util.Map;

/**
 * A chat completion request on its way to an upstream.
 *
 * @param body the OpenAI request body, {@code model} already set to the upstream's own name; unknown fields included
 * @param requestId the gateway's request id, for logs and an {@code x-request-id} header upstream
 * @param cancellation fires when the client went away; abort the call then
 * @param keyId the id (never the secret) of the gateway API key the client used, or null; for per-key accounting
 */
public record ChatRequest(Map<String, Object> body, String requestId, Cancellation cancellation, String keyId) {

    public ChatRequest {
        requireNonNull(body, "body is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(cancellation, "cancellation is null");
    }

    /** A request made on no client key's behalf. */
    public ChatRequest(Map<String, Object> body, String requestId, Cancellation cancellation) {
        this(body, requestId, cancellation, null);
    }

    /** @return the same call with another body */
    public ChatRequest withBody(Map<String, Object> newBody) {
        return new ChatRequest(newBody, requestId, cancellation, keyId);
    }

    /** @return the {@code model} field of the body */
    public String model() {
        return String.valueOf(body.get("model"));
    }
}
