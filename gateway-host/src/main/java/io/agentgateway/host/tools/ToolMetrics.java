package io.agentgateway.host.tools;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.observe.Summaries;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;

/** Counts tool calls and records their latency, under names dashboards already use (docs/origins.md). */
final class ToolMetrics {

    static final String INVOCATIONS = "agent_gateway_tool_invocations_total";
    static final String LATENCY = "agent_gateway_tool_latency_ms";

    private final MeterRegistry registry;

    ToolMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** @param provider where the tool runs, or null for a call to no tool at all (labelled {@code unknown}) */
    void record(String tool, ToolProvider provider, ToolStatus status, double latencyMs) {
        String providerLabel = provider == null ? "unknown" : provider.label();
        registry.getOrCreate(Counter.builder(INVOCATIONS)
                        .description("Tool calls by tool, provider and outcome")
                        .tags(List.of(Tag.create("tool", tool), Tag.create("provider", providerLabel),
                                Tag.create("status", status.label()))))
                .increment();
        registry.getOrCreate(Summaries.countSumMax(LATENCY)
                        // No base unit: Prometheus would append it to the name, which already says ms.
                        .description("Tool call latency in milliseconds")
                        .tags(List.of(Tag.create("tool", tool), Tag.create("provider", providerLabel))))
                .record(latencyMs);
    }
}
