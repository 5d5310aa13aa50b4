package io.agentgateway.host.upstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeteredUpstreamTest {

    private static final MeterRegistry METERS = Services.get(MeterRegistry.class);

    @Test
    void eachCallIsCountedOnceUnderItsOutcome() throws Exception {
        Failing upstream = new Failing();
        MeteredModels models = new MeteredModels();
        models.add("metered-unit", List.of("m"));
        MeteredUpstream metered = new MeteredUpstream("metered-unit", upstream, METERS, models);

        metered.complete(request(Cancellation.NONE));
        metered.stream(request(Cancellation.NONE), chunk -> true);
        upstream.failure = new UpstreamException(Kind.REJECTED, 429, "rate limited", Map.of(), null);
        assertThrows(UpstreamException.class, () -> metered.complete(request(Cancellation.NONE)));
        upstream.failure = new UpstreamException(Kind.TIMEOUT, "slow", null);
        assertThrows(UpstreamException.class, () -> metered.stream(request(Cancellation.NONE), chunk -> true));
        upstream.failure = new UpstreamException(Kind.DROPPED, "client left", null);
        assertThrows(UpstreamException.class, () -> metered.complete(request(Cancellations.alreadyCancelled())));
        metered.listModels();

        assertEquals(2, count("ok"));
        assertEquals(1, count("429"));
        assertEquals(1, count("timeout"));
        assertEquals(1, count("cancelled"));
        assertEquals(5, latencies("m"));
    }

    @Test
    void aModelNoConfigOrListingNamesIsCountedAsUnlisted() throws Exception {
        MeteredModels models = new MeteredModels();
        models.add("metered-labels", List.of("listed"));
        MeteredUpstream metered = new MeteredUpstream("metered-labels", new Failing(), METERS, models);

        metered.complete(request(Cancellation.NONE, "listed"));
        metered.complete(request(Cancellation.NONE, "typed-by-a-client-1"));
        metered.stream(request(Cancellation.NONE, "typed-by-a-client-2"), chunk -> true);

        assertEquals(1, count("metered-labels", "listed", "ok"));
        assertEquals(2, count("metered-labels", MeteredModels.UNLISTED, "ok"));
        assertEquals(0, METERS.meters().stream().filter(meter -> meter.id().name().startsWith("agent_gateway_upstream")
                && meter.id().tagsMap().getOrDefault("model", "").startsWith("typed-by-a-client")).count());
    }

    private static long count(String status) {
        return count("metered-unit", "m", status);
    }

    private static long count(String upstream, String model, String status) {
        return METERS.counter(MeteredUpstream.REQUESTS, List.of(Tag.create("upstream", upstream),
                        Tag.create("model", model), Tag.create("status", status)))
                .map(Counter::count).orElse(0L);
    }

    private static long latencies(String model) {
        return METERS.summary(MeteredUpstream.LATENCY, List.of(Tag.create("upstream", "metered-unit"),
                Tag.create("model", model))).map(DistributionSummary::count).orElse(0L);
    }

    private static ChatRequest request(Cancellation cancellation) {
        return request(cancellation, "m");
    }

    private static ChatRequest request(Cancellation cancellation, String model) {
        return new ChatRequest(Map.of("model", model), "req-1", cancellation);
    }

    private static final class Failing implements Upstream {
        UpstreamException failure;

        @Override
        public List<String> listModels() {
            return List.of("m");
        }

        @Override
        public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
            if (failure != null) {
                throw failure;
            }
            return Map.of("choices", List.of());
        }

        @Override
        public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
            complete(request);
        }
    }
}
