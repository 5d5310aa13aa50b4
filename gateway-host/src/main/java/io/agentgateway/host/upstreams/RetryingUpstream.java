package io.agentgateway.host.upstreams;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.host.observe.EventLog;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes a failed chat call again, up to {@code retries} more times, when another attempt can succeed: the upstream
 * could not be reached, answered 429 or 5xx, or dropped a stream before its first chunk. Not retried: timeouts (the
 * call already took the whole timeout), the upstream's other refusals (the same request gets the same answer), broken
 * JSON, and a stream that already reached the client (its chunks cannot be taken back).
 *
 * <p>Between attempts it waits the upstream's {@code Retry-After} when it sent one (a wait longer than
 * {@link #MAX_RETRY_AFTER} is not waited: the client gets the 429 and its {@code Retry-After}), otherwise an exponential
 * backoff with jitter. A client that goes away ends the waiting. Each retry is logged as {@code upstream.retry}; each
 * attempt is counted by the meters underneath.
 */
final class RetryingUpstream implements Upstream {

    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);
    private static final long SLICE_NANOS = Duration.ofMillis(50).toNanos();

    private final String name;
    private final Upstream upstream;
    private final int retries;
    private final Duration firstBackoff;

    /**
     * @param retries how many times a failed call is made again; 0 turns retrying off
     * @param firstBackoff the wait before the first retry when the upstream named none; it doubles with each retry
     */
    RetryingUpstream(String name, Upstream upstream, int retries, Duration firstBackoff) {
        this.name = requireNonNull(name, "name is null");
        this.upstream = requireNonNull(upstream, "upstream is null");
        this.retries = retries;
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
    }

    @Override
    public List<String> listModels() throws UpstreamException {
        return upstream.listModels();
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        for (int attempt = 0; ; attempt++) {
            try {
                return upstream.complete(request);
            } catch (UpstreamException e) {
                waitBeforeRetry(e, attempt, request);
            }
        }
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        boolean[] delivered = {false};
        ChunkSink watched = chunk -> {
            delivered[0] = true;
            return sink.accept(chunk);
        };
        for (int attempt = 0; ; attempt++) {
            try {
                upstream.stream(request, watched);
                return;
            } catch (UpstreamException e) {
                if (delivered[0]) {
                    throw e;
                }
                waitBeforeRetry(e, attempt, request);
            }
        }
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** Returns when the call should be made again; throws {@code failure} when it should not. */
    private void waitBeforeRetry(UpstreamException failure, int attempt, ChatRequest request)
            throws UpstreamException {
        if (attempt >= retries || !worthRetrying(failure) || request.cancellation().isCancelled()) {
            throw failure;
        }
        Duration wait = failure.retryAfter().orElseGet(() -> backoff(attempt));
        if (wait.compareTo(MAX_RETRY_AFTER) > 0) {
            throw failure;
        }
        EventLog.warn("upstream.retry", "request_id", request.requestId(), "upstream", name,
                "attempt", attempt + 2, "kind", failure.kind().name().toLowerCase(Locale.ROOT),
                "status", failure.status(), "wait_ms", wait.toMillis());
        long until = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
            if (request.cancellation().isCancelled()) {
                throw failure;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(left, SLICE_NANOS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private static boolean worthRetrying(UpstreamException failure) {
        return failure.retriable() && failure.kind() != Kind.TIMEOUT;
    }

    /** Between half and all of a ceiling that doubles with each retry: callers that failed together spread out. */
    private Duration backoff(int attempt) {
        long ceiling = firstBackoff.toNanos() << Math.min(attempt, 16);
        return Duration.ofNanos(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
