package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.agentgateway.host.config.ModelGroup.Strategy;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.plugins.CapturedEvents;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A group's failover: priorities, fallbacks, one budget per request, and never after a streamed chunk. */
class FailoverTest {

    private static final ChatRequest REQUEST = new ChatRequest(Map.of("model", "smart"), "req", Cancellation.NONE);

    private final Fake a = new Fake("a");
    private final Fake b = new Fake("b");
    private final Fake c = new Fake("c");
    private final List<String> called = new CopyOnWriteArrayList<>();

    @Test
    void aFailedCallMovesToTheNextPriorityAtOnceUnderTheTargetsOwnModelName() throws Exception {
        a.failure = rejected(503);
        RouteHandler smart = routes(group("smart", 0, List.of(), target("a", 1), target("b", 2))).group("smart")
                .orElseThrow();
        long started = System.nanoTime();
        assertEquals("b", smart.complete(REQUEST, called::add).get("served_by"));
        assertTrue(System.nanoTime() - started < Duration.ofMillis(500).toNanos(), "a move waits for nothing");
        assertEquals(List.of("a/model-a", "b/model-b"), called);
        assertEquals("model-b", b.models.getFirst());
    }

    @Test
    void aWorsePriorityIsUsedOnlyWhenEveryBetterTargetFailed() throws Exception {
        RouteHandler smart = routes(group("smart", 0, List.of(), target("a", 1), target("b", 1), target("c", 2)))
                .group("smart").orElseThrow();
        for (int i = 0; i < 200; i++) {
            smart.complete(REQUEST);
        }
        assertEquals(0, c.models.size());
        assertTrue(a.models.size() > 50 && b.models.size() > 50, a.models.size() + " / " + b.models.size());
    }

    @Test
    void fallbacksAreTriedInOrderWhenEveryTargetFailed() throws Exception {
        a.failure = new UpstreamException(Kind.UNREACHABLE, "refused", null);
        b.failure = new UpstreamException(Kind.TIMEOUT, "slow", null);
        Routes routes = routes(group("cloud", 0, List.of("middle", "c/model-c"), target("a", 1)),
                group("middle", 0, List.of(), target("b", 1)));
        assertEquals("c", routes.group("cloud").orElseThrow().complete(REQUEST, called::add).get("served_by"));
        assertEquals(List.of("a/model-a", "b/model-b", "c/model-c"), called);
    }

    @Test
    void movesAndRetriesShareOneBudget() {
        a.failure = rejected(500);
        b.failure = rejected(502);
        c.failure = rejected(503);
        RouteHandler smart = routes(group("smart", 2, List.of(), target("a", 1), target("b", 2), target("c", 3)))
                .group("smart").orElseThrow();
        UpstreamException thrown = assertThrows(UpstreamException.class, () -> smart.complete(REQUEST, called::add));
        assertEquals(502, thrown.status());
        assertEquals(List.of("a/model-a", "b/model-b"), called);
    }

    @Test
    void whenEveryTargetFailedTheFirstIsRetriedWithinTheDefaultBudget() throws Exception {
        a.failure = rejected(503);
        a.failuresLeft = 1;
        b.failure = rejected(503);
        RouteHandler smart = routes(group("smart", 0, List.of(), target("a", 1), target("b", 2))).group("smart")
                .orElseThrow();
        assertEquals("a", smart.complete(REQUEST, called::add).get("served_by"));
        assertEquals(List.of("a/model-a", "b/model-b", "a/model-a"), called);
    }

    @Test
    void theClientsOwnMistakesDoNotMove() {
        a.failure = rejected(400);
        RouteHandler smart = routes(group("smart", 0, List.of(), target("a", 1), target("b", 2))).group("smart")
                .orElseThrow();
        assertSame(a.failure, assertThrows(UpstreamException.class, () -> smart.complete(REQUEST)));
        assertEquals(0, b.models.size());
    }

    @Test
    void aStreamMovesBeforeItsFirstChunkButNeverAfter() throws Exception {
        RouteHandler smart = routes(group("smart", 0, List.of(), target("a", 1), target("b", 2))).group("smart")
                .orElseThrow();
        a.failure = new UpstreamException(Kind.DROPPED, "dropped before anything", null);
        List<Map<String, Object>> received = new ArrayList<>();
        smart.stream(REQUEST, received::add);
        assertEquals(List.of(Map.of("served_by", "b")), received);

        a.chunkBeforeFailing = true;
        received.clear();
        int bCalls = b.models.size();
        assertThrows(UpstreamException.class, () -> smart.stream(REQUEST, received::add));
        assertEquals(List.of(Map.of("served_by", "a")), received, "one chunk from a, then the error");
        assertEquals(bCalls, b.models.size(), "b was not called after a's chunk reached the client");
    }

    @Test
    void aGroupWhoseTargetsAreAllUnavailableAnswers503AtOnce() {
        Routes routes = new Routes(new UpstreamRegistry(), List.of(), List.of(group("smart", 0, List.of(),
                target("a", 1))), Duration.ofMillis(200), new SplittableRandom(1));
        GatewayException error = assertThrows(GatewayException.class,
                () -> routes.group("smart").orElseThrow().complete(REQUEST));
        assertEquals(503, error.status());
    }

    @Test
    void refusalsForWantOfAnyTargetAreLoggedForTheOperatorWithoutFloodingTheLog() throws Exception {
        Routes routes = new Routes(new UpstreamRegistry(), List.of(), List.of(group("smart", 0, List.of(),
                target("a", 1))), Duration.ofMillis(200), new SplittableRandom(1));
        RouteHandler smart = routes.group("smart").orElseThrow();
        List<Map<String, Object>> warnings;
        try (CapturedEvents events = new CapturedEvents()) {
            for (int i = 0; i < 50; i++) {
                assertThrows(GatewayException.class, () -> smart.complete(REQUEST));
            }
            warnings = events.named("upstream.unavailable");
        }
        assertFalse(warnings.isEmpty(), "a 503 with no call made leaves a warning");
        Map<String, Object> first = warnings.getFirst();
        assertEquals("smart", first.get("model"));
        assertEquals("req", first.get("request_id"));
        assertEquals(1L, ((Number) first.get("refused")).longValue());
        assertTrue(warnings.size() < 50, "not one line per refused request: " + warnings.size());
    }

    private Routes routes(ModelGroup... groups) {
        UpstreamRegistry registry = new UpstreamRegistry();
        registry.put("a", a);
        registry.put("b", b);
        registry.put("c", c);
        return new Routes(registry, List.<UpstreamEntry>of(), List.of(groups), Duration.ofMillis(1),
                new SplittableRandom(7));
    }

    private static ModelGroup group(String id, int attempts, List<String> fallbacks, ModelGroup.Target... targets) {
        return new ModelGroup(id, Strategy.WEIGHTED, List.of(targets), fallbacks, attempts);
    }

    private static ModelGroup.Target target(String upstream, int priority) {
        return new ModelGroup.Target(upstream, "model-" + upstream, 1, priority);
    }

    private static UpstreamException rejected(int status) {
        return new UpstreamException(Kind.REJECTED, status, "HTTP " + status, Map.of(), null);
    }

    /** Answers {@code {"served_by": name}}, or fails with {@link #failure} (the next {@link #failuresLeft} times). */
    private static final class Fake implements Upstream {
        final String name;
        final List<String> models = new CopyOnWriteArrayList<>();
        volatile UpstreamException failure;
        volatile int failuresLeft = Integer.MAX_VALUE;
        volatile boolean chunkBeforeFailing;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public List<String> listModels() {
            return List.of();
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
            models.add((String) request.body().get("model"));
            failIfSet();
            return Map.of("served_by", name);
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
            models.add((String) request.body().get("model"));
            if (chunkBeforeFailing) {
                sink.accept(Map.of("served_by", name));
            }
            failIfSet();
            if (!chunkBeforeFailing) {
                sink.accept(Map.of("served_by", name));
            }
        }

        private void failIfSet() throws UpstreamException {
            if (failure != null && failuresLeft-- > 0) {
                throw failure;
            }
        }
    }
}
