package io.agentgateway.host.openai;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that becomes an OpenAI error body: {@code {"error":{"message","type","param","code"}}} with an HTTP
 * status. Thrown anywhere on a request's path; {@link OpenAiErrors} gives its body, in one place.
 */
public final class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    public GatewayException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, null);
    }

    /** @param retryAfter sent as {@code Retry-After} when set: how long the client should wait before retrying */
    public GatewayException(int status, String type, String code, String param, String message,
            Duration retryAfter) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.type = requireNonNull(type, "type is null");
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    /** 400 invalid_request_error, naming the field to fix. */
    public static GatewayException badRequest(String param, String message) {
        return new GatewayException(400, "invalid_request_error", null, param, message);
    }

    /** 404 for a model id that nothing routes. */
    public static GatewayException modelNotFound(String model) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist or you do not have access to it. GET /v1/models lists"
                        + " the models available to your key.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
