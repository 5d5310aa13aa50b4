package io.agentgateway.host.routing;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * One request's way along its plan, within its budget of calls. A call that failed in a way another target can fix
 * (unreachable, 429, 5xx, a stream dropped before its first chunk, a timeout) moves on at once to the next target that
 * is available; once every target was tried, a failure another attempt can fix (not a timeout, which already took the
 * whole timeout) is retried from the top of the plan after a backoff, or after the upstream's {@code Retry-After} of
 * at most {@link #MAX_RETRY_AFTER}. Moves and retries draw on one budget, so a request never fans out without bound.
 */
final class Attempts {

    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);
    private static final long SLICE_NANOS = Duration.ofMillis(50).toNanos();

    private final String routeId;
    private final List<Candidate> plan;
    private final Predicate<Candidate> available;
    private final ChatRequest request;
    private final Duration firstBackoff;
    private final UnavailableLog unavailable;
    private final Set<String> tried = new HashSet<>();
    private int left;
    private int retries;
    private UpstreamException last;
    private Candidate lastCandidate;

    Attempts(String routeId, List<Candidate> plan, int budget, Predicate<Candidate> available, ChatRequest request,
            Duration firstBackoff, UnavailableLog unavailable) {
        this.routeId = routeId;
        this.plan = plan;
        this.left = budget;
        this.available = available;
        this.request = request;
        this.firstBackoff = firstBackoff;
        this.unavailable = unavailable;
    }

    /**
     * @return the target to call next
     * @throws UpstreamException the last failure, when the budget is spent or nothing more is worth trying
     * @throws GatewayException 503 {@code upstream_unavailable} when no target could be called at all
     */
    Candidate next() throws UpstreamException {
        if (last != null && (left <= 0 || request.cancellation().isCancelled())) {
            throw last;
        }
        for (Candidate candidate : plan) {
            if (!tried.contains(candidate.id()) && available.test(candidate)) {
                return take(candidate);
            }
        }
        if (last == null) {
            unavailable.refused(request.requestId());
            throw new GatewayException(503, "api_error", "upstream_unavailable", null, "No target of model '"
                    + routeId + "' can take calls now: each is failing (its circuit is open) or unhealthy. Try"
                    + " again shortly; GET /upstreams shows their state.", firstBackoff.multipliedBy(5));
        }
        if (!worthRetrying(last)) {
            throw last;
        }
        for (Candidate candidate : plan) {
            if (available.test(candidate)) {
                waitBeforeRetry(candidate);
                return take(candidate);
            }
        }
        throw last;
    }

    /**
     * Records a failed call; returns when another call may fix it.
     *
     * @throws UpstreamException {@code failure} when it must go to the client as it is
     */
    void failed(Candidate candidate, UpstreamException failure) throws UpstreamException {
        last = failure;
        lastCandidate = candidate;
        if (!(failure.retriable() || failure.kind() == Kind.TIMEOUT) || request.cancellation().isCancelled()) {
            throw failure;
        }
        if (left > 0 && plan.size() > 1) {
            EventLog.warn("upstream.failover", "request_id", request.requestId(), "model", routeId,
                    "from", candidate.id(), "kind", failure.kind().name().toLowerCase(Locale.ROOT),
                    "status", failure.status() == 0 ? null : failure.status());
        }
    }

    private Candidate take(Candidate candidate) {
        tried.add(candidate.id());
        left--;
        return candidate;
    }

    private static boolean worthRetrying(UpstreamException failure) {
        return failure.retriable() && failure.kind() != Kind.TIMEOUT;
    }

    /** Waits the upstream's Retry-After or a backoff; throws the last failure when that is too long or the client left. */
    private void waitBeforeRetry(Candidate candidate) throws UpstreamException {
        Duration wait = candidate == lastCandidate ? last.retryAfter().orElseGet(this::backoff) : backoff();
        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
            throw last;
        }
        EventLog.warn("upstream.retry", "request_id", request.requestId(), "upstream", candidate.state().upstream(),
                "target", candidate.id(), "attempt", tried.size() + retries + 1,
                "kind", last.kind().name().toLowerCase(Locale.ROOT), "status", last.status(),
                "wait_ms", wait.toMillis());
        retries++;
        long until = System.nanoTime() + wait.toNanos();
        for (long rest = wait.toNanos(); rest > 0; rest = until - System.nanoTime()) {
            if (request.cancellation().isCancelled()) {
                throw last;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(rest, SLICE_NANOS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw last;
            }
        }
    }

    /** Between half and all of a ceiling that doubles with each retry: callers that failed together spread out. */
    private Duration backoff() {
        long ceiling = firstBackoff.toNanos() << Math.min(retries, 16);
        return Duration.ofNanos(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
