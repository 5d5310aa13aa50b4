package io.agentgateway.host.openai;

import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.host.observe.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenAI error shapes, in one place: the error body, and what an upstream's failure becomes for the client. */
public final class OpenAiErrors {

    private OpenAiErrors() {
    }

    /** @return {@code {"error":{"message","type","param","code"}}} */
    public static Map<String, Object> body(GatewayException error) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("message", error.getMessage());
        inner.put("type", error.type());
        inner.put("param", error.param());
        inner.put("code", error.code());
        return Map.of("error", inner);
    }

    /**
     * Maps an upstream failure to what the client sees. The upstream's own client errors (400, 404, 422, 429) keep
     * their status and message, since they describe the client's request; everything else is the gateway's problem
     * with that upstream: 504 for a timeout, 502 otherwise. The upstream's {@code Retry-After} goes with its 429.
     * Whatever text came from outside the gateway passes {@link Secrets#forClient} first: an upstream that echoes the
     * request's headers (our key for it among them) never hands them to the client.
     *
     * @param error the failure
     * @param source the upstream or agent the request went to, named in the message
     */
    public static GatewayException fromUpstream(UpstreamException error, String source) {
        String upstreamMessage = upstreamMessage(error);
        return switch (error.kind()) {
            case TIMEOUT -> new GatewayException(504, "api_error", "upstream_timeout", null,
                    "Upstream '" + source + "' did not answer within its timeout (upstreams.yaml 'timeout').");
            case UNREACHABLE -> new GatewayException(502, "api_error", "upstream_unreachable", null,
                    "Upstream '" + source + "' could not be reached" + shown(error.getMessage()));
            case DROPPED -> new GatewayException(502, "api_error", "upstream_stream_dropped", null,
                    "Upstream '" + source + "' broke off the response" + shown(error.getMessage()));
            case PROTOCOL -> new GatewayException(502, "api_error", "upstream_invalid_response", null,
                    "Upstream '" + source + "' sent an invalid response" + shown(error.getMessage()));
            case REJECTED -> rejected(error, source, upstreamMessage);
        };
    }

    private static GatewayException rejected(UpstreamException error, String source, String message) {
        int status = error.status();
        Map<String, Object> inner = errorObject(error);
        String param = inner.get("param") instanceof String p ? emptyAsNull(Secrets.forClient(p)) : null;
        String code = inner.get("code") == null ? null : emptyAsNull(Secrets.forClient(String.valueOf(inner.get("code"))));
        if (status == 400 || status == 404 || status == 422) {
            String type = inner.get("type") instanceof String t && t.matches("[a-z_]{1,40}") ? t : "invalid_request_error";
            return new GatewayException(status, type, code, param, message.isEmpty()
                    ? "Upstream '" + source + "' refused the request with status " + status
                            + " (its message was withheld: it repeated request headers)"
                    : message);
        }
        if (status == 429) {
            return new GatewayException(429, "rate_limit_error", "upstream_rate_limited", null,
                    "Upstream '" + source + "' is rate limiting requests" + shown(message),
                    error.retryAfter().orElse(null));
        }
        if (status == 401 || status == 403) {
            // The client's key was fine; the gateway's credentials for the upstream were not.
            return new GatewayException(502, "api_error", "upstream_auth_failed", null,
                    "Upstream '" + source + "' rejected the gateway's credentials (" + status
                            + "); check its api_key in upstreams.yaml");
        }
        return new GatewayException(502, "api_error", "upstream_error", null,
                "Upstream '" + source + "' failed" + (status > 0 ? " with status " + status : "") + shown(message));
    }

    /** @return the upstream's own message, or the provider's, as a client may see it (possibly empty) */
    private static String upstreamMessage(UpstreamException error) {
        Object message = errorObject(error).get("message");
        return Secrets.forClient(message instanceof String s && !s.isBlank() ? s : error.getMessage());
    }

    private static String emptyAsNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static String shown(String message) {
        String safe = Secrets.forClient(message);
        return safe.isEmpty() ? "" : ": " + safe;
    }

    /**
     * The upstream's error object, read here for every upstream (a provider plugin or the host's own checks of
     * passed-through answers hands over the body as the server sent it): OpenAI's {@code {"error":{...}}} as it is;
     * the shapes other servers use ({@code {"error":"text"}} from Ollama, {@code {"detail":...}} from FastAPI-based
     * servers, {@code {"message":...}}) as their message alone. The type the client sees is decided by the status,
     * in {@link #rejected}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> errorObject(UpstreamException error) {
        Map<String, Object> body = error.errorBody();
        Object inner = body.get("error");
        if (inner instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Object message = inner != null ? inner : body.containsKey("message") ? body.get("message") : body.get("detail");
        return message == null ? Map.of() : Map.of("message", String.valueOf(message));
    }
}
