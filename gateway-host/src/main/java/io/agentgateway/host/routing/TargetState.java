package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What routing knows of one target ({@code <upstream>/<model>}) from the calls made to it: how many are in flight and
 * how long recent ones took. Shared by every route that names the target.
 */
public final class TargetState {

    /** How much a new latency sample moves the average: recent calls count most, one outlier little. */
    private static final double LATENCY_WEIGHT = 0.3;

    private final String upstream;
    private final String model;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile double latencyMillis = -1;

    TargetState(String upstream, String model) {
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.model = requireNonNull(model, "model is null");
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

    /** @return calls to it that have started and not ended */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return a moving average of its recent answers' latency (to the first chunk when streamed), or -1 before any */
    public double latencyMillis() {
        return latencyMillis;
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
