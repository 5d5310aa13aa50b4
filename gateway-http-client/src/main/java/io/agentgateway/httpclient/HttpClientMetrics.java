package io.agentgateway.httpclient;

import static java.util.Objects.requireNonNull;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionStatisticsConfig;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the host's outgoing HTTP calls per host (and port) and outcome, and times them to the answer's head. Meters
 * are looked up in the registry once per label set and kept: a registry lookup builds a meter builder and its tags and
 * takes the registry's lock, which on every call was a noticeable part of the gateway's CPU per proxied request.
 */
final class HttpClientMetrics {

    static final String REQUESTS = "agent_gateway_http_client_requests_total";
    static final String LATENCY = "agent_gateway_http_client_latency_ms";

    private final MeterRegistry registry;
    /** By host, then outcome; few hosts (the configured upstreams and tools) and few outcomes each. */
    private final Map<String, HostMeters> byHost = new ConcurrentHashMap<>();

    HttpClientMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /**
     * @param host {@code host:port}
     * @param outcome the status code, or {@code error} when no answer came
     */
    void record(String host, String outcome, double latencyMs) {
        HostMeters meters = byHost.computeIfAbsent(host, HostMeters::new);
        meters.requests.computeIfAbsent(outcome, meters::counter).increment();
        meters.latency.record(latencyMs);
    }

    /** One host's latency summary and its request counters by outcome. */
    private final class HostMeters {

        private final String host;
        private final DistributionSummary latency;
        private final Map<String, Counter> requests = new ConcurrentHashMap<>();

        HostMeters(String host) {
            this.host = host;
            // Count, sum and max, without the percentiles Helidon's builder adds by default: those update a ring of
            // HdrHistograms on every call, and no one reads them (as the host's summaries, observe.Summaries).
            this.latency = registry.getOrCreate(DistributionSummary.builder(LATENCY)
                    .distributionStatisticsConfig(DistributionStatisticsConfig.builder().percentiles(new double[0]))
                    .description("Time from sending an outgoing HTTP call to its answer's head, milliseconds")
                    .tags(List.of(Tag.create("host", host))));
        }

        Counter counter(String outcome) {
            return registry.getOrCreate(Counter.builder(REQUESTS)
                    .description("Outgoing HTTP calls by host and status (error: no answer)")
                    .tags(List.of(Tag.create("host", host), Tag.create("status", outcome))));
        }
    }
}
