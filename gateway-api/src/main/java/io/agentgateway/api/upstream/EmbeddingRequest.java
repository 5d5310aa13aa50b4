package io.agentgateway.api.upstream;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.Cancellation;
import java.util.Map;

/**
 * An embeddings request on its way to an upstream ({@link Upstream#embed}).
 *
 * @param body the OpenAI {@code /v1/embeddings} body, {@code model} already set to the upstream's own name:
 *     {@code input} (a string or an array of strings or token arrays), {@code encoding_format}, {@code dimensions},
 *     {@code user}; unknown fields included
 * @param requestId the gateway's request id, for logs and an {@code x-request-id} header upstream
 * @param cancellation fires when the client went away; abort the call then
 * @param keyId the id (never the secret) of the gateway API key the client used, or null
 * @since 1.1.0
 */
public record EmbeddingRequest(Map<String, Object> body, String requestId, Cancellation cancellation, String keyId) {

    public EmbeddingRequest {
        requireNonNull(body, "body is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(cancellation, "cancellation is null");
    }

    /** @return the same call with another body */
    public EmbeddingRequest withBody(Map<String, Object> newBody) {
        return new EmbeddingRequest(newBody, requestId, cancellation, keyId);
    }

    /** @return the {@code model} field of the body */
    public String model() {
        return String.valueOf(body.get("model"));
    }
}
