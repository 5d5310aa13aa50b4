package io.agentgateway.host.routing;

import io.agentgateway.host.observe.EventLog;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The warning for requests a route refuses with 503 {@code upstream_unavailable} because none of its targets can take
 * calls (each circuit open, or each unhealthy). Such a refusal makes no call, so no upstream error is logged for it,
 * and without this line an operator would see clients get 503s and an empty log. An open circuit refuses every
 * request at once, so at most one line a second per route, with how many were refused since the last line.
 */
final class UnavailableLog {

    private static final long EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final String routeId;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong nextLineAt;

    UnavailableLog(String routeId) {
        this.routeId = routeId;
        this.nextLineAt = new AtomicLong(System.nanoTime());
    }

    /** Counts one refused request, and logs unless a line was written within the last second. */
    void refused(String requestId) {
        refused.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if (now - next >= 0 && nextLineAt.compareAndSet(next, now + EVERY_NANOS)) {
            EventLog.warn("upstream.unavailable", "request_id", requestId, "model", routeId,
                    "refused", refused.getAndSet(0), "cause", "no target can take calls: circuit open or unhealthy");
        }
    }
}
