package io.agentgateway.host.agents;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts and latencies of agent runs. Names follow the reference project where it had one
 * ({@code agent_gateway_tool_invocations_total{tool,provider,status}}, {@code agent_gateway_tool_latency_ms{tool,provider}});
 * upstream calls are counted by the upstream itself, for agents and plain requests alike. The agent-specific ones are
 * new: {@code agent_gateway_agent_runs_total{agent,outcome}},
 * {@code agent_gateway_agent_run_latency_ms{agent}}, {@code agent_gateway_agent_turns_total{agent}},
 * {@code agent_gateway_agent_handoffs_total{from,to}}, {@code agent_gateway_agent_guardrail_trips_total{agent,guardrail}}.
 */
final class AgentMetrics {

    private final MeterRegistry registry;

    /** @param registry where meters live; null records nothing */
    AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void run(String agent, String outcome, double millis) {
        count("agent_gateway_agent_runs_total", "agent", agent, "outcome", outcome);
        summary("agent_gateway_agent_run_latency_ms", millis, "agent", agent);
    }

    void turn(String agent) {
        count("agent_gateway_agent_turns_total", "agent", agent);
    }

    void handoff(String from, String to) {
        count("agent_gateway_agent_handoffs_total", "from", from, "to", to);
    }

    void guardrailTrip(String agent, String guardrail) {
        count("agent_gateway_agent_guardrail_trips_total", "agent", agent, "guardrail", guardrail);
    }

    void tool(String tool, String provider, String status, double millis) {
        // Same names, tag keys and unit as the tool manager's meters: one meter name must have one shape.
        count("agent_gateway_tool_invocations_total", "tool", tool, "provider", provider, "status", status);
        summary("agent_gateway_tool_latency_ms", millis, "tool", tool, "provider", provider);
    }

    private void count(String name, String... tags) {
        if (registry != null) {
            registry.getOrCreate(Counter.builder(name).tags(tags(tags))).increment();
        }
    }

    private void summary(String name, double value, String... tags) {
        if (registry != null) {
            // No base unit: Prometheus would append it to names that already end in _ms. Fractions of a millisecond
            // are kept: a run's own overhead is well under one.
            registry.getOrCreate(DistributionSummary.builder(name).tags(tags(tags)))
                    .record(value);
        }
    }

    private static List<Tag> tags(String... keyValues) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            tags.add(Tag.create(keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]));
        }
        return tags;
    }
}
