package io.agentgateway.host.http;

import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.plugins.InFlight;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The graceful drain on shutdown: from {@link #drain} on, {@code GET /ready} answers 503 while {@code /health} stays
 * 200, new requests get 503 {@code server_shutting_down} (the listener stays open, so that readiness can be seen;
 * probes and metrics still answer, {@link NeverRefused}),
 * and the requests in flight finish, up to the grace; chat requests still running then are cancelled and end with an
 * OpenAI error (an error event for a stream). Requests are counted with the plugins' {@link InFlight}: one counter
 * for every drain.
 */
public final class Drain implements Filter {

    /** How long requests cancelled at the end of the grace get to write their error and end. */
    private static final Duration AFTER_GRACE = Duration.ofSeconds(3);

    private final InFlight inFlight = new InFlight();
    private final Set<CancellationSource> running = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    /** @return whether a drain has begun: the gateway is no longer ready */
    public boolean draining() {
        return draining;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (NeverRefused.path(req.path().path())) {
            chain.proceed();
            return;
        }
        if (!inFlight.enter()) {
            ErrorResponses.send(res, shuttingDown());
            return;
        }
        try {
            chain.proceed();
        } finally {
            inFlight.exit();
        }
    }

    /**
     * Tracks a request that can be stopped at the end of the grace.
     *
     * @return ends the tracking
     */
    AutoCloseableQuietly track(CancellationSource cancellation) {
        running.add(cancellation);
        return () -> running.remove(cancellation);
    }

    /** @return the error for a request refused, or cut, by the drain */
    static GatewayException shuttingDown() {
        return new GatewayException(503, "api_error", "server_shutting_down", null,
                "The gateway is shutting down; send the request again (to another instance).");
    }

    /**
     * Stops taking requests and waits for those in flight, at most {@code grace}; then cancels those still running.
     *
     * @return true when every request finished within the grace
     */
    public boolean drain(Duration grace) throws InterruptedException {
        draining = true;
        EventLog.info("gateway.draining", "in_flight", inFlight.count(), "grace_s", grace.toSeconds());
        boolean finished = inFlight.close(grace);
        if (!finished) {
            EventLog.warn("gateway.drain_cut", "in_flight", inFlight.count(), "running", running.size());
            running.forEach(request -> request.cancel(CancellationSource.Reason.SHUTTING_DOWN));
            inFlight.close(AFTER_GRACE);
        }
        EventLog.info("gateway.drained", "within_grace", finished);
        return finished;
    }

    /** A tracking handle whose close throws nothing. */
    @FunctionalInterface
    interface AutoCloseableQuietly extends AutoCloseable {
        @Override
        void close();
    }
}
