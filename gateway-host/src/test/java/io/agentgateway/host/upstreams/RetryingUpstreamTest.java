package io.agentgateway.host.upstreams;

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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryingUpstreamTest {

    private static final Map<String, Object> ANSWER = Map.of("object", "chat.completion");
    private static final ChatRequest REQUEST = new ChatRequest(Map.of("model", "m"), "req-1", Cancellation.NONE);

    @Test
    void aServerErrorIsRetriedAndTheCallerGetsTheSecondAnswer() throws Exception {
        Attempts upstream = new Attempts(rejected(503, null));
        assertSame(ANSWER, retrying(upstream, 1).complete(REQUEST));
        assertEquals(2, upstream.calls);
    }

    @Test
    void retriesStopAtTheConfiguredNumberWithTheLastFailure() {
        UpstreamException last = new UpstreamException(Kind.UNREACHABLE, "refused 3", null);
        Attempts upstream = new Attempts(new UpstreamException(Kind.UNREACHABLE, "refused 1", null),
                new UpstreamException(Kind.UNREACHABLE, "refused 2", null), last);
        assertSame(last, assertThrows(UpstreamException.class, () -> retrying(upstream, 2).complete(REQUEST)));
        assertEquals(3, upstream.calls);
    }

    @Test
    void failuresThatWouldRepeatOrAlreadyTookTheTimeoutAreNotRetried() {
        for (UpstreamException failure : List.of(rejected(400, null), rejected(404, null),
                new UpstreamException(Kind.TIMEOUT, "slow", null), new UpstreamException(Kind.PROTOCOL, "bad", null))) {
            Attempts upstream = new Attempts(failure);
            assertSame(failure, assertThrows(UpstreamException.class, () -> retrying(upstream, 3).complete(REQUEST)));
            assertEquals(1, upstream.calls, failure.getMessage());
        }
    }

    @Test
    void noRetriesMeansOneAttempt() {
        Attempts upstream = new Attempts(rejected(503, null));
        assertThrows(UpstreamException.class, () -> retrying(upstream, 0).complete(REQUEST));
        assertEquals(1, upstream.calls);
    }

    @Test
    void theUpstreamsRetryAfterIsWaitedWhenShort() throws Exception {
        Attempts upstream = new Attempts(rejected(429, Duration.ofMillis(300)));
        long started = System.nanoTime();
        assertSame(ANSWER, retrying(upstream, 1).complete(REQUEST));
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos());
    }

    @Test
    void aRetryAfterLongerThanTheLimitGoesBackToTheClientAtOnce() {
        UpstreamException limited = rejected(429, RetryingUpstream.MAX_RETRY_AFTER.plusSeconds(1));
        Attempts upstream = new Attempts(limited);
        long started = System.nanoTime();
        assertSame(limited, assertThrows(UpstreamException.class, () -> retrying(upstream, 1).complete(REQUEST)));
        assertEquals(1, upstream.calls);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos());
    }

    @Test
    void aClientThatLeavesWhileWaitingEndsTheRetries() {
        Attempts upstream = new Attempts(rejected(503, null));
        ChatRequest request = new ChatRequest(Map.of("model", "m"), "req-2", Cancellations.alreadyCancelled());
        assertThrows(UpstreamException.class, () -> retrying(upstream, 3).complete(request));
        assertEquals(1, upstream.calls);
    }

    @Test
    void aStreamThatFailsBeforeItsFirstChunkIsRetriedAndEachChunkArrivesOnce() throws Exception {
        Attempts upstream = new Attempts(new UpstreamException(Kind.DROPPED, "dropped", null));
        List<Map<String, Object>> received = new ArrayList<>();
        retrying(upstream, 1).stream(REQUEST, received::add);
        assertEquals(List.of(Attempts.CHUNK), received);
        assertEquals(2, upstream.calls);
    }

    @Test
    void aStreamThatBreaksAfterAChunkReachedTheClientIsNotRetried() {
        UpstreamException dropped = new UpstreamException(Kind.DROPPED, "dropped", null);
        Attempts upstream = new Attempts(dropped);
        upstream.chunkBeforeFailing = true;
        List<Map<String, Object>> received = new ArrayList<>();
        assertSame(dropped, assertThrows(UpstreamException.class,
                () -> retrying(upstream, 3).stream(REQUEST, received::add)));
        assertEquals(1, upstream.calls);
        assertEquals(1, received.size());
    }

    private static RetryingUpstream retrying(Upstream upstream, int retries) {
        return new RetryingUpstream("test", upstream, retries, Duration.ofMillis(1));
    }

    private static UpstreamException rejected(int status, Duration retryAfter) {
        return new UpstreamException(Kind.REJECTED, status, "HTTP " + status, Map.of(), retryAfter, null);
    }

    /** Fails with the given failures in turn, then answers. */
    private static final class Attempts implements Upstream {
        static final Map<String, Object> CHUNK = Map.of("object", "chat.completion.chunk");

        private final Deque<UpstreamException> failures;
        int calls;
        boolean chunkBeforeFailing;

        Attempts(UpstreamException... failures) {
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
