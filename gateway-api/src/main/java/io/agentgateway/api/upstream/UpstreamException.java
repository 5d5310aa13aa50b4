package io.agentgateway.api.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failed upstream call. The host maps it to the client's error in one place: {@link Kind#REJECTED} keeps the
 * upstream's status for client errors (400, 404, 422, 429) and becomes 502 otherwise; {@link Kind#TIMEOUT} becomes
 * 504; the rest become 502. A {@link #retryAfter()} the upstream asked for reaches the client as {@code Retry-After}.
 */
public final class UpstreamException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** The server could not be reached (connection refused, DNS, TLS). Retriable. */
        UNREACHABLE(true),
        /** The server did not answer in time. Retriable. */
        TIMEOUT(true),
        /** The server answered with an error status. Retriable for 429 and 5xx only. */
        REJECTED(false),
        /** The server's answer was not valid chat-completions JSON. */
        PROTOCOL(false),
        /** A stream broke off before it ended properly. */
        DROPPED(true);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Map<String, Object> errorBody;
    private final Duration retryAfter;

    /**
     * @param kind what went wrong
     * @param status the upstream's HTTP status, or 0 when it sent none
     * @param message what happened, safe to show a client (no secrets)
     * @param errorBody the JSON object the upstream sent with the error, as it sent it, else empty: OpenAI's
     *     {@code {"error": {...}}}, or another server's shape ({@code {"error": "text"}}, {@code {"detail": ...}},
     *     {@code {"message": ...}}), which the host reads too
     * @param cause the underlying exception, or null
     */
    public UpstreamException(Kind kind, int status, String message, Map<String, Object> errorBody, Throwable cause) {
        this(kind, status, message, errorBody, null, cause);
    }

    /**
     * @param kind what went wrong
     * @param status the upstream's HTTP status, or 0 when it sent none
     * @param message what happened, safe to show a client (no secrets)
     * @param errorBody the JSON object the upstream sent with the error, as it sent it, else empty
     * @param retryAfter how long the upstream asked callers to wait before trying again (its {@code Retry-After}),
     *     or null when it did not say; a negative value counts as not said
     * @param cause the underlying exception, or null
     */
    public UpstreamException(Kind kind, int status, String message, Map<String, Object> errorBody,
            Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = requireNonNull(kind, "kind is null");
        this.status = status;
        this.errorBody = errorBody == null ? Map.of() : errorBody;
        this.retryAfter = retryAfter == null || retryAfter.isNegative() ? null : retryAfter;
    }

    /** Shorthand for a failure with no upstream status or body. */
    public UpstreamException(Kind kind, String message, Throwable cause) {
        this(kind, 0, message, Map.of(), cause);
    }

    public Kind kind() {
        return kind;
    }

    /** @return the upstream's HTTP status, or 0 when it sent none */
    public int status() {
        return status;
    }

    /** @return the JSON object the upstream sent with the error, or an empty map */
    public Map<String, Object> errorBody() {
        return errorBody;
    }

    /** @return how long the upstream asked callers to wait before trying again, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return whether the same call may succeed if made again */
    public boolean retriable() {
        return kind == Kind.REJECTED ? status == 429 || status >= 500 : kind.retriable;
    }
}
