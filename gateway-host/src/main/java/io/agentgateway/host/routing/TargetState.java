package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.config.TargetChecks;
import io.helidon.faulttolerance.CircuitBreaker;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What routing knows of one target ({@code <upstream>/<model>}): its circuit breaker (Helidon's: it opens when
 * {@code failure_percent} of the last {@code window} calls failed, stays open for {@code cool_down}, then lets one
 * probe call through and closes when it succeeds), its upstream's active health, the calls in flight and how long
 * recent ones took. Shared by every route that names the target.
 */
public final class TargetState {

    /** How much a new latency sample moves the average: recent calls count most, one outlier little. */
    private static final double LATENCY_WEIGHT = 0.3;

    private final String upstream;
    private final String model;
    private final UpstreamHealth health;
    private final CircuitBreaker breaker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile double latencyMillis = -1;

    TargetState(String upstream, String model, UpstreamHealth health, TargetChecks checks) {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.model = requireNonNull(model, "model is null");
        this.health = requireNonNull(health, "health is null");
        this.breaker = CircuitBreaker.builder()
                .name(upstream + "/" + model)
                .volume(checks.breakerWindow())
                .errorRatio(checks.breakerFailurePercent())
                .delay(checks.breakerCoolDown())
                .successThreshold(1)
                // Only failures another target could have avoided count; the client's own mistakes do not.
                .applyOn(java.util.Set.of(Calls.Failed.class))
                .skipOn(java.util.Set.of(Calls.NotCounted.class))
                .enableMetrics(false)
                .build();
    }

    public String id() {
        return upstream + "/" + model;
    }

    public String upstream() {
        return upstream;
    }

    public String model() {
        return model;
    }

    /** @return whether a call may go to it now: its upstream passes its health checks and its circuit is not open */
    public boolean available() {
        return health.healthy() && breaker.state() != CircuitBreaker.State.OPEN;
    }

    /** @return {@code closed}, {@code open} or {@code half_open} */
    public String circuit() {
        return breaker.state().name().toLowerCase(Locale.ROOT);
    }

    public UpstreamHealth health() {
        return health;
    }

    /** @return calls to it that have started and not ended */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return a moving average of its recent answers' latency (to the first chunk when streamed), or -1 before any */
    public double latencyMillis() {
        return latencyMillis;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    /** Records how long it took to answer (a whole answer, or a stream's first chunk). */
    synchronized void answeredIn(long nanos) {
        double millis = nanos / 1_000_000.0;
        latencyMillis = latencyMillis < 0 ? millis : latencyMillis + LATENCY_WEIGHT * (millis - latencyMillis);
    }
}
