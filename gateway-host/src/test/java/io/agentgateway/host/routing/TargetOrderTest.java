package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.host.config.ModelGroup.Strategy;
import io.agentgateway.host.config.TargetChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** How a group picks its first target: weights, in-flight counts, latency. */
class TargetOrderTest {

    @Test
    void tenThousandRequestsSplitWithinFivePercentOfTheWeights() {
        List<Candidate> targets = List.of(candidate("a", 5), candidate("b", 3), candidate("c", 2));
        RandomGenerator random = new SplittableRandom(12);
        Map<String, Integer> first = new HashMap<>();
        int requests = 10_000;
        for (int i = 0; i < requests; i++) {
            first.merge(TargetOrder.order(Strategy.WEIGHTED, targets, random).getFirst().state().upstream(), 1,
                    Integer::sum);
        }
        assertShare(first.get("a"), requests, 0.5);
        assertShare(first.get("b"), requests, 0.3);
        assertShare(first.get("c"), requests, 0.2);
    }

    @Test
    void aTargetThatFailsIsFollowedByTheOthersEachOnce() {
        List<Candidate> targets = List.of(candidate("a", 1), candidate("b", 1), candidate("c", 1));
        List<Candidate> order = TargetOrder.order(Strategy.WEIGHTED, targets, new SplittableRandom(1));
        assertEquals(3, order.stream().map(Candidate::id).distinct().count());
    }

    @Test
    void leastBusySendsLessToASlowTargetUnderConcurrentLoad() throws Exception {
        Candidate slow = candidate("slow", 1);
        Candidate fast = candidate("fast", 1);
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        Map<String, Upstream> upstreams = Map.of("slow", answering("slow", 40, served),
                "fast", answering("fast", 4, served));
        Route route = new Route("g", Strategy.LEAST_BUSY, List.of(slow, fast), List.of(), 1, id -> null);
        RouteHandler handler = new RouteHandler(route, name -> Optional.ofNullable(upstreams.get(name)),
                java.time.Duration.ofMillis(1), new SplittableRandom(3));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 25; i++) {
                    try {
                        handler.complete(new ChatRequest(Map.of("model", "g"), "r", Cancellation.NONE));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        int toSlow = served.get("slow").get();
        int toFast = served.get("fast").get();
        assertEquals(200, toSlow + toFast);
        // Equal weights: weighted random would give each about half. Least-busy sees the slow one's calls pile up.
        assertTrue(toSlow < 0.35 * 200, "slow target got " + toSlow + " of 200, fast " + toFast);
    }

    @Test
    void lowestLatencyPrefersTheTargetThatAnsweredFaster() {
        Candidate slow = candidate("slow", 1);
        Candidate fast = candidate("fast", 1);
        slow.state().answeredIn(400_000_000L);
        fast.state().answeredIn(20_000_000L);
        for (int i = 0; i < 50; i++) {
            assertEquals("fast", TargetOrder.order(Strategy.LOWEST_LATENCY, List.of(slow, fast),
                    new SplittableRandom(i)).getFirst().state().upstream());
        }
    }

    private static void assertShare(int count, int total, double weightShare) {
        double share = count / (double) total;
        assertTrue(Math.abs(share - weightShare) <= 0.05 * weightShare,
                "share " + share + " is not within 5 % of " + weightShare);
    }

    private static Candidate candidate(String upstream, double weight) {
        return new Candidate(new TargetState(upstream, "m", new UpstreamHealth(), TargetChecks.DEFAULTS), weight, 0);
    }

    private static Upstream answering(String name, long millis, Map<String, AtomicInteger> served) {
        return new Upstream() {
            @Override
            public List<String> listModels() {
                return List.of("m");
            }

            @Override
            public Map<String, Object> complete(ChatRequest request) {
                served.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Map.of("object", "chat.completion");
            }

            @Override
            public void stream(ChatRequest request, ChunkSink sink) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
