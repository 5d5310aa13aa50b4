package io.agentgateway.host.routing;

import io.agentgateway.host.observe.LeftoverMeters;
import io.agentgateway.host.upstreams.MeteredModels;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each target's state as gauges labelled {@code upstream} and {@code model}: what {@code GET /upstreams} shows. Only
 * targets whose model upstreams.yaml, an agent or the server's list names get gauges ({@link MeteredModels}): a client
 * may call {@code <upstream>/<anything>}, and what clients type must not add series.
 * {@code agent_gateway_upstream_in_flight}, {@code agent_gateway_upstream_latency_recent_ms} (-1 before any call),
 * {@code agent_gateway_upstream_circuit_open} (0 closed, 0.5 half open, 1 open) and
 * {@code agent_gateway_upstream_healthy} (its upstream's active checks: 1 passing, 0 failing).
 */
final class TargetMetrics {

    private final MeterRegistry meters;
    private final MeteredModels models;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    TargetMetrics(MeterRegistry meters, MeteredModels models) {
        this.meters = meters;
        this.models = models;
    }

    /** Shows {@code target} as gauges, unless it already is or its model is not named. */
    void register(TargetState target) {
        if (!models.named(target.upstream(), target.model()) || !registered.add(target.id())) {
            return;
        }
        List<Tag> tags = List.of(Tag.create("upstream", target.upstream()), Tag.create("model", target.model()));
        gauge("agent_gateway_upstream_in_flight", "Calls in flight to an upstream target", target, tags,
                TargetState::inFlight);
        gauge("agent_gateway_upstream_latency_recent_ms", "Moving average of a target's recent latency in ms",
                target, tags, TargetState::latencyMillis);
        gauge("agent_gateway_upstream_circuit_open", "A target's circuit: 0 closed, 0.5 half open, 1 open", target,
                tags, t -> switch (t.circuit()) {
                    case "open" -> 1.0;
                    case "half_open" -> 0.5;
                    default -> 0.0;
                });
        gauge("agent_gateway_upstream_healthy", "A target's upstream passes its active health checks (1) or not (0)",
                target, tags, t -> t.health().healthy() ? 1 : 0);
    }

    private void gauge(String name, String description, TargetState target, List<Tag> tags,
            java.util.function.ToDoubleFunction<TargetState> value) {
        // Registered anew rather than found: the registry is the JVM's, and a gateway started before in the same JVM
        // left its gauge for this target there, reading that gateway's state. Within one gateway a target is
        // registered once (see registered), so only such a leftover is replaced.
        LeftoverMeters.remove(meters, name, tags);
        meters.getOrCreate(Gauge.builder(name, target, value).description(description).tags(tags));
    }
}
