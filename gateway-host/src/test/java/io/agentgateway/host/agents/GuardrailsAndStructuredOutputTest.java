package io.agentgateway.host.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.GuardrailResult;
import io.agentgateway.api.agent.InputGuardrail;
import io.agentgateway.api.agent.OutputGuardrail;
import io.agentgateway.api.agent.OutputType;
import io.agentgateway.host.openai.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardrailsAndStructuredOutputTest {

    private final RuntimeFixture fixture = new RuntimeFixture();

    record Verdict(String label, int score) {
    }

    private final AgentDefinition classifier = AgentDefinition.builder("classifier")
            .outputType(OutputType.of("verdict", Verdict.class)).build();

    @Test
    void anInputGuardrailStopsTheRunBeforeAnyModelCall() {
        AgentDefinition agent = AgentDefinition.builder("a")
                .inputGuardrail(new InputGuardrail("no_secrets", (ctx, messages) ->
                        messages.toString().contains("sk-") ? GuardrailResult.trip("the message contains a key")
                                : GuardrailResult.pass()))
                .build();

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(agent, "my key sk-123"));

        assertEquals(400, e.status());
        assertEquals("input_guardrail_tripped", e.code());
        assertTrue(e.getMessage().contains("'no_secrets'") && e.getMessage().contains("contains a key"));
        assertEquals(0, fixture.upstream.requests.size());
    }

    @Test
    void anOutputGuardrailWithholdsTheAnswer() {
        AgentDefinition agent = AgentDefinition.builder("a")
                .outputGuardrail(new OutputGuardrail("no_shouting", (ctx, output) ->
                        output.equals(output.toUpperCase()) ? GuardrailResult.trip("the answer shouts")
                                : GuardrailResult.pass()))
                .build();
        fixture.upstream.answer("HELLO THERE");

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(agent, "hi"));

        assertEquals(422, e.status());
        assertEquals("output_guardrail_tripped", e.code());
        assertTrue(e.getMessage().contains("the answer shouts"));
    }

    @Test
    void aGuardrailThatThrowsCountsAsTripped() {
        AgentDefinition agent = AgentDefinition.builder("a")
                .inputGuardrail(new InputGuardrail("flaky", (ctx, messages) -> {
                    throw new IllegalStateException("classifier down");
                }))
                .build();

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(agent, "hi"));

        assertEquals("input_guardrail_tripped", e.code());
    }

    @Test
    void structuredOutputSendsTheSchemaAndReturnsValidatedJson() throws Exception {
        fixture.upstream.answer("```json\n{\"label\": \"spam\", \"score\": 9}\n```");

        RunResult result = fixture.complete(classifier, "Buy now!!!");

        assertEquals("{\"label\":\"spam\",\"score\":9}", result.output());
        Map<?, ?> format = (Map<?, ?>) fixture.upstream.requests.get(0).get("response_format");
        assertEquals("json_schema", format.get("type"));
        Map<?, ?> jsonSchema = (Map<?, ?>) format.get("json_schema");
        assertEquals("verdict", jsonSchema.get("name"));
        assertEquals(List.of("label", "score"), ((Map<?, ?>) jsonSchema.get("schema")).get("required"));
    }

    @Test
    void aNonConformingAnswerIsSentBackOnceForCorrection() throws Exception {
        fixture.upstream.answer("{\"label\": \"spam\"}").answer("{\"label\": \"spam\", \"score\": 9}");

        RunResult result = fixture.complete(classifier, "Buy now!!!");

        assertEquals("{\"label\":\"spam\",\"score\":9}", result.output());
        List<?> retry = (List<?>) fixture.upstream.requests.get(1).get("messages");
        String correction = (String) ((Map<?, ?>) retry.get(retry.size() - 1)).get("content");
        assertTrue(correction.contains("required property 'score' not found"), correction);
    }

    @Test
    void anAnswerStillNonConformingAfterTheRetryFailsTheRun() {
        fixture.upstream.answer("not json").answer("{\"label\": 3, \"score\": 1}");

        GatewayException e = assertThrows(GatewayException.class, () -> fixture.complete(classifier, "x"));

        assertEquals(502, e.status());
        assertEquals("output_validation_failed", e.code());
        assertTrue(e.getMessage().contains("$.label: integer found, string expected"), e.getMessage());
    }
}
