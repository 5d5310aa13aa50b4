package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;

/** Counts the host's outgoing HTTP calls per host (and port) and outcome, and times them to the answer's head. */
final class HttpClientMetrics {

    static final String REQUESTS = "agent_gateway_http_client_requests_total";
    static final String LATENCY = "agent_gateway_http_client_latency_ms";

    private final MeterRegistry registry;

    HttpClientMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * @param host {@code host:port}
     * @param outcome the status code, or {@code error} when no answer came
     */
    void record(String host, String outcome, double latencyMs) {
        registry.getOrCreate(Counter.builder(REQUESTS)
                        .description("Outgoing HTTP calls by host and status (error: no answer)")
                        .tags(List.of(Tag.create("host", host), Tag.create("status", outcome))))
                .increment();
        registry.getOrCreate(DistributionSummary.builder(LATENCY)
                        .description("Time from sending an outgoing HTTP call to its answer's head, milliseconds")
                        .tags(List.of(Tag.create("host", host))))
                .record(latencyMs);
    }
}
