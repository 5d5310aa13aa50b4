package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.answer;
import static io.agentgateway.host.it.AgentFixture.calls;
import static io.agentgateway.host.it.AgentFixture.streamedText;
import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spark, Synapse and Cortex end to end, streaming and not, from the shipped plugin jars. */
class AgentMixturesIT {

    private static final String REPORT = "{\"title\":\"Caching\",\"summary\":\"Use a CDN.\",\"findings\":[\"hot pages\"],"
            + "\"recommendations\":[\"cache 5 min\"],\"confidence\":0.8,\"specialist\":\"TechnicalSpecialist\"}";

    @RegisterExtension
    static final SharedAgentFixture agents = SharedAgentFixture.withDefaultAgents();

    @Test
    void allThreeMixturesAreListedAsModels() throws Exception {
        String models = agents.get().get("/v1/models").body();
        for (String id : List.of("default/spark", "default/synapse", "default/cortex", "default/weatheragent")) {
            assertTrue(models.contains("\"" + id + "\""), id + " missing from " + models);
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void sparkPlansResearchesAndWrites(boolean stream) throws Exception {
        agents.get().script(calls("plan", Map.of("input", "workshop")), text("1. venue 2. agenda"),
                calls("research", Map.of("input", "composting basics"), "current_time", Map.of("zone", "UTC")),
                text("- greens and browns"),
                calls("write", Map.of("input", "notes")), text("Workshop plan: ..."),
                text("Here is your workshop plan."));

        String answer = send("default/spark", "Plan a composting workshop", stream);

        assertEquals("Here is your workshop plan.", answer);
        List<Map<String, Object>> sent = agents.get().upstreamRequests();
        assertEquals(7, sent.size());
        String researchTurn = Json.write(sent.get(4).get("messages"));
        assertTrue(researchTurn.contains("greens and browns") && researchTurn.matches(".*\\d{4}-\\d{2}-\\d{2}T.*"),
                "research result and clock reading both reach the coordinator: " + researchTurn);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void synapseAggregatesThreeProposals(boolean stream) throws Exception {
        agents.get().script(calls("gather_proposals", Map.of("input", "Monorepo?")),
                text("proposal A"), text("proposal B"), text("proposal C"), text("Adopt it, carefully."));

        String answer = send("default/synapse", "Should we adopt a monorepo?", stream);

        assertEquals("Adopt it, carefully.", answer);
        List<Map<String, Object>> sent = agents.get().upstreamRequests();
        assertEquals(Map.of("type", "function", "function", Map.of("name", "gather_proposals")),
                sent.get(0).get("tool_choice"));
        String aggregation = Json.write(sent.get(4).get("messages"));
        for (String name : List.of("Analyst", "Creative", "Skeptic")) {
            assertTrue(aggregation.contains(name), name + " missing from " + aggregation);
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cortexRunsItsLayersAndHandsOffToASpecialistForAStructuredReport(boolean stream) throws Exception {
        scriptCortexUntilHandoff();
        agents.get().script(text(REPORT));

        String answer = send("default/cortex", "How should we cache product pages?", stream);

        assertEquals(Json.readObject(REPORT), Json.readObject(answer));
        List<Map<String, Object>> sent = agents.get().upstreamRequests();
        Map<String, Object> last = sent.get(sent.size() - 1);
        assertEquals("json_schema", ((Map<?, ?>) last.get("response_format")).get("type"));
        String system = String.valueOf(((Map<?, ?>) ((List<?>) last.get("messages")).get(0)).get("content"));
        assertTrue(system.contains("TechnicalSpecialist"), "the specialist answers after the handoff: " + system);
    }

    @Test
    void theNonStreamingResponseNamesTheSpecialistThatAnswered() throws Exception {
        scriptCortexUntilHandoff();
        agents.get().script(text(REPORT));

        HttpResponse<String> response = agents.get().chat("default/cortex", "Cache?", false);

        Map<?, ?> run = (Map<?, ?>) Json.readObject(response.body()).get("agent_run");
        assertEquals("default/technicalspecialist", run.get("answered_by"));
        assertEquals("default/cortex", Json.readObject(response.body()).get("model"));
    }

    @Test
    void aReportMissingFieldsIsSentBackAndTheCorrectedOneReturned() throws Exception {
        scriptCortexUntilHandoff();
        agents.get().script(text("{\"title\":\"Caching\"}"), text(REPORT));

        String answer = answer(agents.get().chat("default/cortex", "Cache?", false));

        assertEquals(Json.readObject(REPORT), Json.readObject(answer));
        List<Map<String, Object>> sent = agents.get().upstreamRequests();
        String retry = Json.write(sent.get(sent.size() - 1).get("messages"));
        assertTrue(retry.contains("required property 'summary' not found"), retry);
    }

    @Test
    void aReportStillInvalidAfterTheRetryFailsWith502() throws Exception {
        scriptCortexUntilHandoff();
        agents.get().script(text("not json at all"), text("{\"title\":3}"));

        HttpResponse<String> response = agents.get().chat("default/cortex", "Cache?", false);

        assertEquals(502, response.statusCode());
        assertTrue(response.body().contains("output_validation_failed"), response.body());
    }

    @Test
    void theInputGuardrailRefusesCredentialsBeforeAnyModelCall() throws Exception {
        HttpResponse<String> response = agents.get().chat("default/cortex",
                "Why does sk-abcdefghijklmnopqrstuvwxyz fail?", false);

        assertEquals(400, response.statusCode());
        Map<?, ?> error = (Map<?, ?>) Json.readObject(response.body()).get("error");
        assertEquals("input_guardrail_tripped", error.get("code"));
        assertTrue(String.valueOf(error.get("message")).contains("no_credentials"));
        assertEquals(List.of(), agents.get().upstreamRequests());
    }

    @Test
    void theOutputGuardrailWithholdsAReportCarryingACredential() throws Exception {
        scriptCortexUntilHandoff();
        agents.get().script(text(REPORT.replace("Use a CDN.", "Use key AKIAABCDEFGHIJKLMNOP.")));

        HttpResponse<String> response = agents.get().chat("default/cortex", "Cache?", false);

        assertEquals(422, response.statusCode());
        assertTrue(response.body().contains("output_guardrail_tripped"), response.body());
        assertFalse(response.body().contains("AKIA"), "the withheld report must not leak: " + response.body());
    }

    private static void scriptCortexUntilHandoff() throws Exception {
        agents.get().script(calls("first_layer", Map.of("input", "cache?")), text("p1"), text("p2"), text("p3"),
                calls("second_layer", Map.of("input", "refine")), text("r1"), text("r2"),
                calls("critique", Map.of("input", "draft")), text("weak on invalidation"),
                calls("transfer_to_technicalspecialist", Map.of()));
    }

    /** @return the answer, read from a chat.completion or joined from a stream's deltas */
    private static String send(String model, String question, boolean stream) throws Exception {
        HttpResponse<String> response = agents.get().chat(model, question, stream);
        assertEquals(200, response.statusCode(), response.body());
        if (!stream) {
            return answer(response);
        }
        String body = response.body();
        assertTrue(body.contains(": tool "), "progress comments expected: " + body);
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        assertFalse(body.contains("tool_calls"), body);
        assertTrue(body.contains("\"usage\":{"), "the usage chunk the client asked for: " + body);
        return streamedText(body);
    }
}
