package io.agentgateway.host.usage;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A usage read refused because the usage of earlier calls is not yet written (the database stalls the writes): the
 * sums would miss those calls. The HTTP layer answers it as a 503 the client may retry; this layer only says what
 * happened.
 */
public final class UsageNotWrittenException extends RuntimeException {

    private final Duration waited;

    public UsageNotWrittenException(Duration waited) {
        super("the usage of earlier calls is not yet written: the writes are more than "
                + requireNonNull(waited, "waited is null").toSeconds() + " s behind");
        this.waited = waited;
    }

    /** @return how long the read waited for the writes before it gave up */
    public Duration waited() {
        return waited;
    }
}
