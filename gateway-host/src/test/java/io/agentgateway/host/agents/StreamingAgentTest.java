package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.Cancellation;
import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.ExecutionPolicy;
import io.agentgateway.api.tool.ToolDefinition;
import io.agentgateway.host.cancel.CancellationSource;
import io.agentgateway.host.openai.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingAgentTest {

    private final RuntimeFixture fixture = new RuntimeFixture();
    private final ToolDefinition clock = new ToolDefinition("clock", "", null, (args, ctx) -> "noon");
    private final AgentDefinition agent = AgentDefinition.builder("Timekeeper").tool(clock).build();

    @Test
    void forwardsTheAnswerAsItArrivesWithoutTheInternalToolCalls() throws Exception {
        fixture.upstream.toolCalls(call("c1", "clock", "{}")).answer("It is noon now.");
        RuntimeFixture.RecordingSink sink = new RuntimeFixture.RecordingSink();

        fixture.stream(agent, RuntimeFixture.request("time?", Cancellation.NONE,
                Map.of("stream", true, "stream_options", Map.of("include_usage", true))), sink);

        assertEquals("It is noon now.", sink.text());
        assertEquals(List.of("tool clock started", "tool clock finished"), sink.received.subList(0, 2));
        List<Map<String, Object>> chunks = sink.chunks;
        assertTrue(chunks.size() >= 7, "one chunk per upstream delta, not one burst: " + chunks.size());
        for (Map<String, Object> chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.get("object"));
            assertEquals(chunks.get(0).get("id"), chunk.get("id"));
            assertEquals("default/timekeeper", chunk.get("model"));
            assertFalse(chunk.toString().contains("tool_calls"));
        }
        assertEquals("assistant", delta(chunks.get(0)).get("role"));
        assertNull(delta(chunks.get(1)).get("role"));
        Map<?, ?> finish = (Map<?, ?>) ((List<?>) chunks.get(chunks.size() - 2).get("choices")).get(0);
        assertEquals("stop", finish.get("finish_reason"));
        Map<String, Object> usage = chunks.get(chunks.size() - 1);
        assertEquals(List.of(), usage.get("choices"));
        assertEquals(30L, ((Map<?, ?>) usage.get("usage")).get("total_tokens"));
        assertTrue(chunks.get(0).containsKey("usage") && chunks.get(0).get("usage") == null);
    }

    @Test
    void leavesOutTheUsageChunkUnlessAskedFor() throws Exception {
        fixture.upstream.answer("hi");
        RuntimeFixture.RecordingSink sink = new RuntimeFixture.RecordingSink();

        fixture.stream(agent, RuntimeFixture.request("x"), sink);

        assertFalse(sink.chunks.stream().anyMatch(c -> c.containsKey("usage")));
        assertEquals("stop", ((Map<?, ?>) ((List<?>) sink.chunks.get(sink.chunks.size() - 1).get("choices")).get(0))
                .get("finish_reason"));
    }

    @Test
    void aClientThatLeavesMidStreamStopsTheUpstreamRead() {
        fixture.upstream.answer("a long answer that goes on and on");
        RuntimeFixture.RecordingSink sink = new RuntimeFixture.RecordingSink();
        sink.acceptBeforeRefusing = 2;

        GatewayException e = assertThrows(GatewayException.class,
                () -> fixture.stream(agent, RuntimeFixture.request("x"), sink));

        assertEquals(499, e.status());
        assertTrue(fixture.upstream.sinkRefused);
        assertEquals(2, sink.chunks.size());
    }

    @Test
    void aClientThatLeavesCancelsTheInFlightUpstreamCall() throws Exception {
        fixture.upstream.hang();
        CancellationSource cancellation = new CancellationSource();
        Thread.ofVirtual().start(() -> {
            sleep(200);
            cancellation.cancel(CancellationSource.Reason.CLIENT_GONE);
        });

        GatewayException e = assertThrows(GatewayException.class,
                () -> fixture.complete(agent, RuntimeFixture.request("x", cancellation, Map.of())));

        assertEquals(499, e.status());
        assertTrue(fixture.upstream.sawCancel);
    }

    @Test
    void aRunPastItsTimeoutIsStoppedWithAnErrorNamingTheLimit() {
        fixture.upstream.hang();
        AgentDefinition slow = AgentDefinition.builder("slow")
                .policy(ExecutionPolicy.DEFAULT.withRunTimeout(Duration.ofMillis(300))).build();

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(slow, "x"));

        assertEquals(504, e.status());
        assertTrue(e.getMessage().contains("run_timeout"), e.getMessage());
        assertTrue(fixture.upstream.sawCancel);
    }

    @Test
    void anAgentWithOutputChecksStreamsItsAnswerOnlyAfterTheChecks() throws Exception {
        AgentDefinition checked = AgentDefinition.builder("checked")
                .outputGuardrail(new io.agentgateway.api.agent.OutputGuardrail("any",
                        (ctx, out) -> io.agentgateway.api.agent.GuardrailResult.pass()))
                .build();
        fixture.upstream.answer("checked answer");
        RuntimeFixture.RecordingSink sink = new RuntimeFixture.RecordingSink();

        fixture.stream(checked, RuntimeFixture.request("x"), sink);

        assertEquals("checked answer", sink.text());
        assertEquals("checked answer", delta(sink.chunks.get(0)).get("content"));
    }

    private static Map<?, ?> delta(Map<String, Object> chunk) {
        return (Map<?, ?>) ((Map<?, ?>) ((List<?>) chunk.get("choices")).get(0)).get("delta");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
