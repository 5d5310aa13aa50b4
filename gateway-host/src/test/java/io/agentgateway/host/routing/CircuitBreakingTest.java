package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.config.ModelGroup;
import io.agentgateway.host.config.TargetChecks;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A failing target's circuit opens, the target is skipped without a call, and one probe closes it again. */
class CircuitBreakingTest {

    private static final ChatRequest REQUEST = new ChatRequest(Map.of("model", "smart"), "req", Cancellation.NONE);
    private static final Duration COOL_DOWN = Duration.ofMillis(400);

    @Test
    void aFailingTargetIsSkippedOnceItsCircuitOpensAndTakesTrafficAgainAfterTheCoolDown() throws Exception {
        Counting a = new Counting("a");
        Counting b = new Counting("b");
        a.failing = true;
        UpstreamRegistry registry = new UpstreamRegistry();
        registry.put("a", a);
        registry.put("b", b);
        TargetChecks checks = new TargetChecks(null, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 50, COOL_DOWN);
        Routes routes = new Routes(registry, List.of(entry("a", checks), entry("b", checks)),
                List.of(new ModelGroup("smart", ModelGroup.Strategy.WEIGHTED, List.of(
                        new ModelGroup.Target("a", "m", 1, 1), new ModelGroup.Target("b", "m", 1, 2)), List.of(), 0)),
                Duration.ofMillis(1), new SplittableRandom(1));
        RouteHandler smart = routes.group("smart").orElseThrow();
        TargetState targetA = routes.targetsOf("a").getFirst();

        for (int i = 0; i < 10; i++) {
            assertEquals("b", smart.complete(REQUEST).get("served_by"), "every request is served despite a");
        }
        assertEquals("open", targetA.circuit());
        int callsWhenOpened = a.calls.get();
        assertTrue(callsWhenOpened <= 4, "the circuit opened within its window: " + callsWhenOpened + " calls");
        for (int i = 0; i < 10; i++) {
            smart.complete(REQUEST);
        }
        assertEquals(callsWhenOpened, a.calls.get(), "an open circuit is skipped without a call");

        a.failing = false;
        long deadline = System.nanoTime() + COOL_DOWN.multipliedBy(10).toNanos();
        while (!"half_open".equals(targetA.circuit()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals("a", smart.complete(REQUEST).get("served_by"), "the probe after the cool-down reaches a");
        assertEquals("closed", targetA.circuit());
        assertEquals("a", smart.complete(REQUEST).get("served_by"));
    }

    private static UpstreamEntry entry(String name, TargetChecks checks) {
        return new UpstreamEntry("openai-compatible", 100, 0, new UpstreamSettings(name, "http://127.0.0.1:1/v1",
                null, Duration.ofSeconds(1), List.of(), Map.of()), checks);
    }

    /** Answers {@code {"served_by": name}}, or 503 while failing. */
    private static final class Counting implements Upstream {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public List<String> listModels() {
            return List.of();
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
            calls.incrementAndGet();
            if (failing) {
                throw new UpstreamException(UpstreamException.Kind.REJECTED, 503, "down", Map.of(), null);
            }
            return Map.of("served_by", name);
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) {
            throw new UnsupportedOperationException();
        }
    }
}
