package io.agentgateway.testkit.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.GuardrailResult;
import io.agentgateway.api.agent.InputGuardrail;
import io.agentgateway.api.agent.OutputType;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner drives the gateway's engine: what a client of the gateway would see, without a server. */
class AgentRunnerTest {

    private static final ToolDefinition SHOUT = new ToolDefinition("shout", "Upper-cases a text",
            Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string")), "required",
                    List.of("text")),
            (arguments, context) -> String.valueOf(arguments.get("text")).toUpperCase());

    record Verdict(String label, int score) {
    }

    @Test
    void aToolCallRunsTheToolAndHandsItsResultToTheNextModelCall() {
        AgentRunner runner = new AgentRunner(AgentDefinition.builder("Echo").instructions("Be loud.").tool(SHOUT)
                .build()).script("""
                {"responses":[
                  {"tool_calls":[{"function":{"name":"shout","arguments":{"text":"hey"}}}]},
                  {"content":"They said HEY."}]}""");

        AgentRunResult result = runner.run("Shout hey");

        assertEquals("They said HEY.", result.output());
        assertEquals("default/echo", result.answeredBy());
        assertEquals(2, result.modelCalls());
        assertEquals(1, result.toolCalls());
        List<?> secondCall = (List<?>) runner.modelRequests().get(1).get("messages");
        assertEquals(Map.of("role", "system", "content", "Be loud."), secondCall.getFirst());
        assertTrue(secondCall.toString().contains("content=HEY"), secondCall.toString());
        assertEquals("scripted-model", runner.modelRequests().getFirst().get("model"));
    }

    @Test
    void aStreamedRunDeliversTheAnswerInChunksWithUsage() {
        AgentRunner runner = new AgentRunner(AgentDefinition.builder("Echo").build())
                .script("{\"responses\":[{\"content\":\"streamed answer\"}]}");

        AgentRunResult result = runner.stream("hi");

        assertEquals("streamed answer", result.streamedText());
        assertTrue(result.chunks().size() > 2, "several chunks: " + result.chunks());
        assertTrue(result.chunks().getLast().get("usage") instanceof Map<?, ?>, "usage last: " + result.chunks());
    }

    @Test
    void aHandoffMovesTheAnswerToTheOtherAgent() {
        AgentDefinition billing = AgentDefinition.builder("Billing").instructions("You handle invoices.").build();
        AgentRunner runner = new AgentRunner(AgentDefinition.builder("Triage").handoff(billing).build()).script("""
                {"responses":[
                  {"tool_calls":[{"function":{"name":"transfer_to_billing","arguments":{}}}]},
                  {"content":"Your invoice is on its way."}]}""");

        AgentRunResult result = runner.run("Where is my invoice?");

        assertEquals("Your invoice is on its way.", result.output());
        assertEquals("default/billing", result.answeredBy());
        assertEquals(List.of("default/billing"), result.handoffs());
    }

    @Test
    void aTrippedGuardrailFailsTheRunAsTheClientWouldSeeIt() {
        AgentRunner runner = new AgentRunner(AgentDefinition.builder("Guarded")
                .inputGuardrail(new InputGuardrail("no_keys", (context, messages) ->
                        messages.toString().contains("sk-") ? GuardrailResult.trip("the message holds a key")
                                : GuardrailResult.pass()))
                .build());

        AgentRunFailure failure = assertThrows(AgentRunFailure.class, () -> runner.run("my key is sk-123"));

        assertEquals(400, failure.status());
        assertEquals("input_guardrail_tripped", failure.code());
        assertTrue(failure.getMessage().contains("the message holds a key"), failure.getMessage());
        assertEquals(List.of(), runner.modelRequests());
    }

    @Test
    void structuredOutputIsAskedForAndValidated() {
        AgentRunner runner = new AgentRunner(AgentDefinition.builder("Classifier")
                .outputType(OutputType.of("verdict", Verdict.class)).build())
                .script("{\"responses\":[{\"content\":\"{\\\"label\\\": \\\"spam\\\", \\\"score\\\": 9}\"}]}");

        AgentRunResult result = runner.run("Buy now!!!");

        assertEquals("{\"label\":\"spam\",\"score\":9}", result.output());
        assertEquals("json_schema", ((Map<?, ?>) runner.modelRequests().getFirst().get("response_format")).get("type"));
    }

    @Test
    void aCallBeyondTheScriptFailsTheRunSayingWhatToScript() {
        AgentRunner runner = new AgentRunner(AgentDefinition.builder("Echo").tool(SHOUT).build())
                .script("{\"responses\":[{\"tool_calls\":[{\"function\":{\"name\":\"shout\",\"arguments\":{\"text\":\"a\"}}}]}]}");

        AgentRunFailure failure = assertThrows(AgentRunFailure.class, () -> runner.run("Shout a"));

        assertTrue(failure.getMessage().contains("no answer left for model call 2"), failure.getMessage());
    }
}
