package io.agentgateway.host.agents;

import static io.agentgateway.host.ScriptedUpstream.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.AgentHooks;
import io.agentgateway.api.agent.RunContext;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HandoffAndHooksTest {

    private final RuntimeFixture fixture = new RuntimeFixture();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private AgentHooks recording() {
        return new AgentHooks() {
            @Override
            public void onAgentStart(RunContext context, AgentDefinition agent) {
                events.add("start " + agent.name() + " as " + context.agentId());
            }

            @Override
            public void onAgentEnd(RunContext context, AgentDefinition agent, String output) {
                events.add("end " + agent.name() + ": " + output);
            }

            @Override
            public void onToolStart(RunContext context, AgentDefinition agent, String tool, Map<String, Object> a) {
                events.add("tool start " + tool + " " + a);
            }

            @Override
            public void onToolEnd(RunContext context, AgentDefinition agent, String tool, String result) {
                events.add("tool end " + tool + " " + result);
            }

            @Override
            public void onHandoff(RunContext context, AgentDefinition from, AgentDefinition to) {
                events.add("handoff " + from.name() + " -> " + to.name());
            }
        };
    }

    @Test
    void aHandoffChangesTheAnsweringAgentAndItsInstructions() throws Exception {
        AgentDefinition billing = AgentDefinition.builder("Billing").instructions("You handle invoices.")
                .hooks(recording()).build();
        ToolDefinition lookup = new ToolDefinition("lookup", "", null, (args, ctx) -> "customer 42");
        AgentDefinition triage = AgentDefinition.builder("Triage").instructions("Route the user.")
                .tool(lookup).handoff(billing).hooks(recording()).build();
        fixture.upstream.toolCalls(call("c1", "lookup", "{}"))
                .toolCalls(call("c2", "transfer_to_billing", "{}"))
                .answer("Your invoice is on its way.");

        RunResult result = fixture.complete(triage, "Where is my invoice?");

        assertEquals("Your invoice is on its way.", result.output());
        assertEquals("default/billing", result.answeredBy());
        assertEquals(List.of("default/billing"), result.handoffs());
        List<?> lastMessages = (List<?>) fixture.upstream.requests.get(2).get("messages");
        assertEquals(Map.of("role", "system", "content", "You handle invoices."), lastMessages.get(0));
        assertEquals("Where is my invoice?", ((Map<?, ?>) lastMessages.get(1)).get("content"));
        assertEquals(List.of(
                "start Triage as default/triage",
                "tool start lookup {}",
                "tool end lookup customer 42",
                "handoff Triage -> Billing",
                "start Billing as default/billing",
                "end Billing: Your invoice is on its way."), events);
    }

    @Test
    void aHookThatThrowsDoesNotStopTheRun() throws Exception {
        AgentDefinition agent = AgentDefinition.builder("a").hooks(new AgentHooks() {
            @Override
            public void onAgentStart(RunContext context, AgentDefinition agent) {
                throw new IllegalStateException("bug in hook");
            }
        }).build();
        fixture.upstream.answer("fine");

        assertEquals("fine", fixture.complete(agent, "hi").output());
    }

    @Test
    void instructionsCanBeComputedFromTheRequest() throws Exception {
        AgentDefinition agent = AgentDefinition.builder("a")
                .instructions(context -> "Request " + context.requestId() + " has " + context.messages().size()
                        + " message(s)")
                .build();
        fixture.upstream.answer("ok");

        fixture.complete(agent, "hi");

        List<?> messages = (List<?>) fixture.upstream.requests.get(0).get("messages");
        assertEquals("Request req-1 has 1 message(s)", ((Map<?, ?>) messages.get(0)).get("content"));
    }
}
