package io.agentgateway.host.http;

import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission control: at most {@code max} requests in flight at once ({@code GATEWAY_MAX_IN_FLIGHT}). An open stream
 * holds memory for as long as it runs (its threads, the buffers of its client and upstream connections), so more
 * streams than the heap holds would fill it and fail every stream, those already open included. Beyond the limit a
 * request is refused at once with 503 {@code gateway_overloaded} and {@code Retry-After}, and those in flight go on.
 * Probes and metrics are never refused ({@link NeverRefused}), so that an overloaded gateway can still be watched.
 */
public final class InFlightLimit implements Filter {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** One warning per this many refusals, so that a flood does not also flood the log. */
    private static final long LOG_EVERY = 1000;

    private final int max;
    private final Semaphore permits;
    private final AtomicLong refused = new AtomicLong();

    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
        this.max = max;
        this.permits = new Semaphore(max);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (NeverRefused.path(req.path().path())) {
            chain.proceed();
            return;
        }
        if (!permits.tryAcquire()) {
            long count = refused.incrementAndGet();
            if (count % LOG_EVERY == 1) {
                EventLog.warn("gateway.overloaded", "max_in_flight", max, "refused", count);
            }
            ErrorResponses.send(res, overloaded());
            return;
        }
        try {
            chain.proceed();
        } finally {
            permits.release();
        }
    }

    private GatewayException overloaded() {
        return new GatewayException(503, "api_error", "gateway_overloaded", null, "The gateway is serving its limit of "
                + max + " requests at once (GATEWAY_MAX_IN_FLIGHT); send the request again in a moment.", RETRY_AFTER);
    }
}
