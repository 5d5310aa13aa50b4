package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.host.config.ModelGroup;
import io.agentgateway.host.config.TargetChecks;
import io.agentgateway.host.cancel.CancellationSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Retries on the one target of an {@code <upstream>/<model>} route: what the upstream's {@code retries} gives. */
class SameTargetRetriesTest {

    private static final Map<String, Object> ANSWER = Map.of("object", "chat.completion");
    private static final ChatRequest REQUEST = new ChatRequest(Map.of("model", "m"), "req-1", Cancellation.NONE);

    @Test
    void aServerErrorIsRetriedAndTheCallerGetsTheSecondAnswer() throws Exception {
        FailingUpstream upstream = new FailingUpstream(rejected(503, null));
        assertSame(ANSWER, retrying(upstream, 1).complete(REQUEST));
        assertEquals(2, upstream.calls);
    }

    @Test
    void retriesStopAtTheConfiguredNumberWithTheLastFailure() {
        UpstreamException last = new UpstreamException(Kind.UNREACHABLE, "refused 3", null);
        FailingUpstream upstream = new FailingUpstream(new UpstreamException(Kind.UNREACHABLE, "refused 1", null),
                new UpstreamException(Kind.UNREACHABLE, "refused 2", null), last);
        assertSame(last, assertThrows(UpstreamException.class, () -> retrying(upstream, 2).complete(REQUEST)));
        assertEquals(3, upstream.calls);
    }

    @Test
    void failuresThatWouldRepeatOrAlreadyTookTheTimeoutAreNotRetried() {
        for (UpstreamException failure : List.of(rejected(400, null), rejected(404, null),
                new UpstreamException(Kind.TIMEOUT, "slow", null), new UpstreamException(Kind.PROTOCOL, "bad", null))) {
            FailingUpstream upstream = new FailingUpstream(failure);
            assertSame(failure, assertThrows(UpstreamException.class, () -> retrying(upstream, 3).complete(REQUEST)));
            assertEquals(1, upstream.calls, failure.getMessage());
        }
    }

    @Test
    void noRetriesMeansOneAttempt() {
        FailingUpstream upstream = new FailingUpstream(rejected(503, null));
        assertThrows(UpstreamException.class, () -> retrying(upstream, 0).complete(REQUEST));
        assertEquals(1, upstream.calls);
    }

    @Test
    void theUpstreamsRetryAfterIsWaitedWhenShort() throws Exception {
        FailingUpstream upstream = new FailingUpstream(rejected(429, Duration.ofMillis(300)));
        long started = System.nanoTime();
        assertSame(ANSWER, retrying(upstream, 1).complete(REQUEST));
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void aRetryAfterLongerThanTheLimitGoesBackToTheClientAtOnce() {
        UpstreamException limited = rejected(429, Attempts.MAX_RETRY_AFTER.plusSeconds(1));
        FailingUpstream upstream = new FailingUpstream(limited);
        long started = System.nanoTime();
        assertSame(limited, assertThrows(UpstreamException.class, () -> retrying(upstream, 1).complete(REQUEST)));
        assertEquals(1, upstream.calls);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aClientThatLeavesWhileWaitingEndsTheRetries() {
        FailingUpstream upstream = new FailingUpstream(rejected(503, null));
        CancellationSource gone = new CancellationSource();
        gone.cancel(CancellationSource.Reason.CLIENT_GONE);
        ChatRequest request = new ChatRequest(Map.of("model", "m"), "req-2", gone);
        assertThrows(UpstreamException.class, () -> retrying(upstream, 3).complete(request));
        assertEquals(1, upstream.calls);
    }

    @Test
    void aStreamThatFailsBeforeItsFirstChunkIsRetriedAndEachChunkArrivesOnce() throws Exception {
        FailingUpstream upstream = new FailingUpstream(new UpstreamException(Kind.DROPPED, "dropped", null));
        List<Map<String, Object>> received = new ArrayList<>();
        retrying(upstream, 1).stream(REQUEST, received::add);
        assertEquals(List.of(FailingUpstream.CHUNK), received);
        assertEquals(2, upstream.calls);
    }

    @Test
    void aStreamThatBreaksAfterAChunkReachedTheClientIsNotRetried() {
        UpstreamException dropped = new UpstreamException(Kind.DROPPED, "dropped", null);
        FailingUpstream upstream = new FailingUpstream(dropped);
        upstream.chunkBeforeFailing = true;
        List<Map<String, Object>> received = new ArrayList<>();
        assertSame(dropped, assertThrows(UpstreamException.class,
                () -> retrying(upstream, 3).stream(REQUEST, received::add)));
        assertEquals(1, upstream.calls);
        assertEquals(1, received.size());
    }

    private static RouteHandler retrying(Upstream upstream, int retries) {
        Route route = new Route("test/m", ModelGroup.Strategy.WEIGHTED,
                List.of(new Candidate(new TargetState("test", "m", new UpstreamHealth(), TargetChecks.DEFAULTS), 1, 0)), List.of(), retries + 1, id -> null);
        return new RouteHandler(route, name -> Optional.of(upstream), Duration.ofMillis(1),
                RandomGenerator.getDefault());
    }

    private static UpstreamException rejected(int status, Duration retryAfter) {
        return new UpstreamException(Kind.REJECTED, status, "HTTP " + status, Map.of(), retryAfter, null);
    }

    /** Fails with the given failures in turn, then answers. */
    private static final class FailingUpstream implements Upstream {
        static final Map<String, Object> CHUNK = Map.of("object", "chat.completion.chunk");

        private final Deque<UpstreamException> failures;
        int calls;
        boolean chunkBeforeFailing;

        FailingUpstream(UpstreamException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public List<String> listModels() {
            return List.of("m");
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
            calls++;
            if (!failures.isEmpty()) {
                throw failures.poll();
            }
            return ANSWER;
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
            calls++;
            if (!failures.isEmpty()) {
                if (chunkBeforeFailing) {
                    sink.accept(CHUNK);
                }
                throw failures.poll();
            }
            sink.accept(CHUNK);
        }
    }
}
