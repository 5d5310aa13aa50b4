package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Admin route {@code GET /metrics}: the reference's JSON summary, read from the same meters Prometheus scrapes at
 * {@code /metrics/prometheus}: total and streaming requests, request latency (avg, min, max), tool invocations,
 * failures and latency by tool, and, beyond the reference, requests by status, upstream calls and tokens.
 */
public final class MetricsService implements HttpService {

    private final MeterRegistry meters;

    public MetricsService(MeterRegistry meters) {
        this.meters = requireNonNull(meters, "meters is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::summary);
    }

    private void summary(ServerRequest req, ServerResponse res) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Map<String, Object>> tools = new TreeMap<>();
        Map<String, Map<String, Object>> upstreams = new TreeMap<>();
        Map<String, List<DistributionSummary>> upstreamLatencies = new TreeMap<>();
        long streaming = 0;
        long prompt = 0;
        long completion = 0;
        long costMicros = 0;
        DistributionSummary requestLatency = null;
        double minLatency = 0;
        for (Meter meter : meters.meters()) {
            Map<String, String> tags = meter.id().tagsMap();
            switch (meter.id().name()) {
                case RequestLogFilter.REQUESTS -> byStatus.merge(tags.get("status"), count(meter), Long::sum);
                case RequestLogFilter.STREAMING -> streaming += count(meter);
                case RequestLogFilter.LATENCY -> requestLatency = (DistributionSummary) meter;
                case RequestLogFilter.LATENCY_MIN -> minLatency = ((Gauge<?>) meter).value().doubleValue();
                case "agent_gateway_tool_invocations_total" -> {
                    Map<String, Object> tool = tools.computeIfAbsent(tags.get("tool"), t -> entry("invocations"));
                    add(tool, "invocations", count(meter));
                    add(tool, "failures", "ok".equals(tags.get("status")) ? 0 : count(meter));
                }
                case "agent_gateway_tool_latency_ms" -> tools.computeIfAbsent(tags.get("tool"),
                        t -> entry("invocations")).put("latency_ms", latency((DistributionSummary) meter, null));
                case "agent_gateway_upstream_requests_total" -> {
                    Map<String, Object> upstream = upstreams.computeIfAbsent(tags.get("upstream"),
                            u -> entry("requests"));
                    add(upstream, "requests", count(meter));
                    add(upstream, "failures", "ok".equals(tags.get("status")) ? 0 : count(meter));
                }
                // One summary per model of the upstream: the reference's summary is the upstream's, all models.
                case "agent_gateway_upstream_latency_ms" -> upstreamLatencies.computeIfAbsent(tags.get("upstream"),
                        u -> new ArrayList<>()).add((DistributionSummary) meter);
                case "agent_gateway_tokens_total" -> {
                    if ("prompt".equals(tags.get("type"))) {
                        prompt += count(meter);
                    } else {
                        completion += count(meter);
                    }
                }
                case "agent_gateway_cost_micros_total" -> costMicros += count(meter);
                default -> {
                }
            }
        }
        upstreamLatencies.forEach((upstream, summaries) -> upstreams.computeIfAbsent(upstream,
                u -> entry("requests")).put("latency_ms", latency(summaries)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("object", "metrics");
        out.put("total_requests", byStatus.values().stream().mapToLong(Long::longValue).sum());
        out.put("streaming_requests", streaming);
        out.put("latency_ms", latency(requestLatency, minLatency));
        out.put("requests_by_status", byStatus);
        out.put("tools", tools);
        out.put("upstreams", upstreams);
        out.put("tokens", Map.of("prompt", prompt, "completion", completion, "total", prompt + completion,
                "cost", costMicros / 1_000_000.0));
        SecurityService.send(res, out);
    }

    /** @param min the lowest latency, where it is kept (requests), else null */
    private static Map<String, Object> latency(DistributionSummary summary, Double min) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean any = summary != null && summary.count() > 0;
        out.put("avg", any ? round(summary.mean()) : 0.0);
        if (min != null) {
            out.put("min", any ? round(min) : 0.0);
        }
        out.put("max", any ? round(summary.max()) : 0.0);
        return out;
    }

    /** @return avg and max over several summaries, as one summary of all their values would give */
    private static Map<String, Object> latency(List<DistributionSummary> summaries) {
        long count = 0;
        double total = 0;
        double max = 0;
        for (DistributionSummary summary : summaries) {
            count += summary.count();
            total += summary.totalAmount();
            max = Math.max(max, summary.max());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("avg", count > 0 ? round(total / count) : 0.0);
        out.put("max", count > 0 ? round(max) : 0.0);
        return out;
    }

    private static Map<String, Object> entry(String countName) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(countName, 0L);
        out.put("failures", 0L);
        return out;
    }

    private static void add(Map<String, Object> entry, String name, long value) {
        entry.merge(name, value, (a, b) -> (Long) a + (Long) b);
    }

    private static long count(Meter meter) {
        return meter instanceof Counter counter ? counter.count() : 0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
