package io.agentgateway.plugins.openai;

import io.agentgateway.api.JsonCodec;
import io.agentgateway.api.http.HttpLimitException;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong with one upstream into {@link UpstreamException}s. Messages name the upstream and the kind of
 * failure, never the API key, and never repeat the server's own error text (that goes into the error body).
 */
final class UpstreamFailures {

    private final String upstream;
    private final JsonCodec json;

    UpstreamFailures(String upstreamName, JsonCodec json) {
        this.upstream = "upstream '" + upstreamName + "'";
        this.json = json;
    }

    /**
     * An HTTP error status; the body is kept as the server sent it when it is a JSON object: the host makes the
     * client's error of it, whatever the server's shape.
     *
     * @param retryAfter the response's {@code Retry-After} header, or null
     */
    UpstreamException rejected(int status, byte[] body, String retryAfter) {
        return new UpstreamException(Kind.REJECTED, status, upstream + " answered HTTP " + status,
                errorBody(body), retryAfter(retryAfter), null);
    }

    /**
     * Reads {@code Retry-After} in its seconds form ({@code "30"}), the one model servers send; an HTTP date or
     * anything else unreadable counts as absent, so the client just gets no hint.
     */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A {@code {"error": ...}} object sent after a 200: in a stream, or as a non-streaming body. */
    UpstreamException errorInStream(Map<String, Object> body) {
        return new UpstreamException(Kind.REJECTED, 0, upstream + " reported an error after answering 200",
                body, null);
    }

    UpstreamException protocol(String what, Throwable cause) {
        return new UpstreamException(Kind.PROTOCOL, upstream + ": " + what, cause);
    }

    UpstreamException dropped(String what, Throwable cause) {
        return new UpstreamException(Kind.DROPPED, upstream + ": " + what, cause);
    }

    UpstreamException cancelled() {
        return new UpstreamException(Kind.DROPPED, upstream + ": call cancelled because the client went away", null);
    }

    /**
     * @param failure an I/O failure
     * @param answered whether the server had begun to answer (then a broken connection is a drop)
     */
    UpstreamException io(Throwable failure, boolean answered) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof HttpLimitException limit) {
                // Not retried: the same call would send as much again.
                return new UpstreamException(Kind.PROTOCOL, upstream + " sent more than the gateway accepts: "
                        + limit.getMessage(), failure);
            }
            if (cause instanceof SocketTimeoutException
                    || (cause instanceof InterruptedIOException && "timeout".equals(cause.getMessage()))) {
                return new UpstreamException(Kind.TIMEOUT, upstream + " did not answer in time", failure);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof SSLException) {
                return new UpstreamException(Kind.UNREACHABLE,
                        upstream + " cannot be reached (" + cause.getClass().getSimpleName() + ")", failure);
            }
            cause = cause.getCause();
        }
        return answered
                ? dropped("the connection broke while reading the answer", failure)
                : new UpstreamException(Kind.UNREACHABLE, upstream + " closed the connection before answering",
                        failure);
    }

    private Map<String, Object> errorBody(byte[] body) {
        try {
            return json.readObject(body);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }
}
