package io.agentgateway.api.http;

import java.io.IOException;

/**
 * An answer went past one of the host's limits (its size, one event's size, a stream's length, duration or number of
 * events). The connection it came on is closed, never reused.
 */
public final class HttpLimitException extends IOException {

    private final String limit;

    /**
     * @param limit the name of the limit, as the configuration spells it (e.g. {@code max_response_bytes})
     * @param message what went past it, safe to show a client
     */
    public HttpLimitException(String limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** @return the name of the limit, as the configuration spells it (e.g. {@code max_response_bytes}) */
    public String limit() {
        return limit;
    }
}
