package io.agentgateway.api.http;

import java.io.IOException;

/**
 * The events of a {@code text/event-stream} body, read one by one as they arrive. Comments, {@code id:} and
 * {@code retry:} lines are skipped. Bounded by the host's limits on one event's size, the number of events, the
 * stream's size and its duration.
 */
public interface ServerSentEvents {

    /**
     * Waits for the next event.
     *
     * @return the next event, or null when the body ended (an event cut off by the end of the body is still returned)
     * @throws HttpLimitException when the stream went past one of the host's limits
     * @throws IOException when reading fails
     */
    ServerSentEvent next() throws IOException;
}
