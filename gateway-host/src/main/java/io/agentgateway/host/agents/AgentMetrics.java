package io.agentgateway.host.agents;

import io.agentgateway.host.observe.Summaries;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts and latencies of agent runs. Tool calls are counted by the tool invoker and upstream calls by the upstream
 * itself, for agents and everything else alike. The agent meters: {@code agent_gateway_agent_runs_total{agent,outcome}},
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

    private void count(String name, String... tags) {
        if (registry != null) {
            registry.getOrCreate(Counter.builder(name).tags(tags(tags))).increment();
        }
    }

    private void summary(String name, double value, String... tags) {
        if (registry != null) {
            // No base unit: Prometheus would append it to names that already end in _ms. Fractions of a millisecond
            // are kept: a run's own overhead is well under one.
            registry.getOrCreate(Summaries.countSumMax(name).tags(tags(tags)))
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
