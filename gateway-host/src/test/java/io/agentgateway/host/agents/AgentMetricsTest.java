package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.tool.ToolDefinition;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.providers.micrometer.MicrometerPrometheusFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private final RuntimeFixture fixture = new RuntimeFixture();

    @Test
    void aRunCountsItsOutcomeTurnsToolCallsAndUpstreamCalls() throws Exception {
        ToolDefinition tool = new ToolDefinition("metered_tool", "", null, (args, ctx) -> "ok");
        AgentDefinition agent = AgentDefinition.builder("Metered").tool(tool).build();
        fixture.upstream.toolCalls(call("c1", "metered_tool", "{}")).answer("done");

        fixture.complete(agent, "go");

        assertEquals(1, count("agent_gateway_agent_runs_total", "agent", "default/metered", "outcome", "completed"));
        assertEquals(2, count("agent_gateway_agent_turns_total", "agent", "default/metered"));
        assertEquals(1, count("agent_gateway_tool_invocations_total", "tool", "metered_tool", "provider", "local",
                "status", "ok"));
        assertEquals(1, fixture.meters.summary("agent_gateway_tool_latency_ms",
                tags("tool", "metered_tool", "provider", "local")).map(DistributionSummary::count).orElse(0L));
    }

    @Test
    void latenciesAreExportedInMillisecondsUnderTheirOwnNames() throws Exception {
        ToolDefinition tool = new ToolDefinition("ms_tool", "", null, (args, ctx) -> "ok");
        fixture.upstream.toolCalls(call("c1", "ms_tool", "{}")).answer("done");

        fixture.complete(AgentDefinition.builder("Millis").tool(tool).build(), "go");

        String prometheus = MicrometerPrometheusFormatter.builder(fixture.meters).build().format().orElseThrow()
                .toString();
        assertTrue(prometheus.lines().anyMatch(l -> l.startsWith("agent_gateway_agent_run_latency_ms_count{")
                && l.contains("agent=\"default/millis\"")), prometheus);
        assertTrue(prometheus.lines().anyMatch(l -> l.startsWith("agent_gateway_tool_latency_ms_count{")
                && l.contains("tool=\"ms_tool\"")), prometheus);
        assertTrue(prometheus.lines().noneMatch(l -> l.contains("_ms_milliseconds") || l.contains("_ms_seconds")),
                prometheus);
    }

    @Test
    void latenciesKeepFractionsOfAMillisecond() throws Exception {
        // Sub-millisecond agent overhead is computed from these sums; whole milliseconds would lose it.
        ToolDefinition tool = new ToolDefinition("nap_tool", "", null, (args, ctx) -> {
            Thread.sleep(1, 600_000);
            return "ok";
        });
        fixture.upstream.toolCalls(call("c1", "nap_tool", "{}")).answer("done");

        fixture.complete(AgentDefinition.builder("Nap").tool(tool).build(), "go");

        double toolMs = fixture.meters.summary("agent_gateway_tool_latency_ms",
                tags("tool", "nap_tool", "provider", "local")).map(DistributionSummary::totalAmount).orElse(0.0);
        double runMs = fixture.meters.summary("agent_gateway_agent_run_latency_ms", tags("agent", "default/nap"))
                .map(DistributionSummary::totalAmount).orElse(0.0);
        assertTrue(toolMs >= 1.5, "tool latency " + toolMs);
        assertTrue(runMs >= 1.5 && runMs != Math.floor(runMs), "run latency " + runMs);
    }

    private long count(String name, String... keyValues) {
        return fixture.meters.counter(name, tags(keyValues)).map(Counter::count).orElse(0L);
    }

    private static List<Tag> tags(String... keyValues) {
        List<Tag> tags = new java.util.ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            tags.add(Tag.create(keyValues[i], keyValues[i + 1]));
        }
        return tags;
    }
}
