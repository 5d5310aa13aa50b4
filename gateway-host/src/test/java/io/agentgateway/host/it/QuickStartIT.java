package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fresh clone with no model server: the repository's own config and plugins, as {@code ./gateway run} starts them.
 * The README's first examples (a chat, an agent with a tool) and every shipped agent answer through the demo
 * upstream, tool calls, handoffs and structured output included.
 */
class QuickStartIT {

    private static RunningGateway gateway;
    private static List<ReadmeExamples.ChatExample> readme;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.shipped(Map.of());
        readme = ReadmeExamples.chats();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theReadmesFirstExampleStreamsAChatFromTheDemoModel() throws Exception {
        ReadmeExamples.ChatExample chat = readme.get(0);
        assertTrue(chat.body().contains("\"demo/echo\""), "the first example uses the demo upstream: " + chat);

        HttpResponse<String> response = gateway.chat(chat.key(), chat.body());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertEquals("Demo echo: Hello", streamedText(response.body()));
        assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
    }

    @Test
    void theReadmesSecondExampleRunsTheWeatherAgentWithOneToolCallPerCity() throws Exception {
        ReadmeExamples.ChatExample agent = readme.get(1);
        assertTrue(agent.body().contains("\"default/weatheragent\""), "the second example runs an agent: " + agent);

        JsonNode completion = complete(agent.key(), agent.body());

        String answer = answer(completion);
        assertTrue(answer.startsWith("Demo answer from the tools:"), answer);
        for (String city : List.of("Tokyo", "Paris")) {
            assertTrue(answer.contains("- get_weather: {\"city\":\"" + city + "\",\"temperature\":"), answer);
        }
        assertEquals(2, completion.path("agent_run").path("tool_calls").asInt(), completion.toString());
        assertEquals(2, completion.path("agent_run").path("turns").asInt(), "both calls in one turn: " + completion);
    }

    @Test
    void theModelListShowsTheDemoModelAndEveryShippedAgent() throws Exception {
        HttpResponse<String> models = gateway.get("/v1/models", readme.get(0).key());

        for (String id : List.of("demo/echo", "default/weatheragent", "default/spark", "default/synapse",
                "default/cortex", "default/assistant")) {
            assertTrue(models.body().contains("\"id\":\"" + id + "\""), id + " missing from " + models.body());
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void sparkPlansResearchesReadsTheClockAndWritesInTheOrderItsInstructionsSay(boolean stream) throws Exception {
        String answer = ask("default/spark", "Plan a composting workshop", stream);

        int at = -1;
        for (String tool : List.of("plan", "research", "current_time", "write")) {
            int next = answer.indexOf("- " + tool + ": ");
            assertTrue(next > at, tool + " out of order in " + answer);
            at = next;
        }
        assertTrue(answer.contains("- plan: Demo echo: Plan a composting workshop"), "the planner ran: " + answer);
        assertTrue(answer.matches("(?s).*- current_time: \\d{4}-\\d{2}-\\d{2}T.*"), "the clock ran: " + answer);
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void synapseGathersThreeProposalsInParallelAndAnswersFromThem(boolean stream) throws Exception {
        String answer = ask("default/synapse", "Should we adopt a monorepo?", stream);

        assertTrue(answer.startsWith("Demo answer from the tools:\n- gather_proposals: {"), answer);
        for (String proposer : List.of("Analyst", "Creative", "Skeptic")) {
            assertTrue(answer.contains("\"" + proposer + "\":\"Demo echo: Should we adopt a monorepo?\""),
                    proposer + " missing from " + answer);
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void cortexRunsBothLayersAndTheCriticThenHandsOffForAReportInItsSchema(boolean stream) throws Exception {
        String question = "How should our software cache product pages?";

        JsonNode report = Json.MAPPER.readTree(ask("default/cortex", question, stream));

        List<String> fields = new ArrayList<>();
        report.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("title", "summary", "findings", "recommendations", "confidence", "specialist"), fields);
        assertEquals("Demo summary for: " + question, report.path("summary").asText());
        assertTrue(report.path("findings").isArray() && report.path("confidence").isNumber(), report.toString());
    }

    @Test
    void cortexHandsOffToTheSpecialistWhoseFieldTheQuestionIsAbout() throws Exception {
        JsonNode technical = complete(readme.get(0).key(), chatBody("default/cortex",
                "Which database suits our software?", false));
        JsonNode strategy = complete(readme.get(0).key(), chatBody("default/cortex",
                "Which business planning method suits us?", false));

        assertEquals("default/technicalspecialist", technical.path("agent_run").path("answered_by").asText());
        assertEquals("default/strategyspecialist", strategy.path("agent_run").path("answered_by").asText());
        assertEquals(List.of("default/strategyspecialist"),
                Json.MAPPER.convertValue(strategy.path("agent_run").path("handoffs"), List.class));
        assertEquals(5, strategy.path("agent_run").path("turns").asInt(),
                "first_layer, second_layer, critique, the handoff, the report: " + strategy);
    }

    @Test
    void theDeclarativeAssistantOfAgentsYamlRunsOnTheDemoModelToo() throws Exception {
        assertEquals("Demo echo: Hi", ask("default/assistant", "Hi", false));
    }

    /** @return the agent's answer, read whole or joined from the stream's deltas */
    private static String ask(String model, String question, boolean stream) throws Exception {
        String key = readme.get(0).key();
        if (!stream) {
            return answer(complete(key, chatBody(model, question, false)));
        }
        HttpResponse<String> response = gateway.chat(key, chatBody(model, question, true));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
        assertTrue(response.body().contains("\"usage\":{"), "the usage chunk the client asked for: " + response.body());
        return streamedText(response.body());
    }

    private static String chatBody(String model, String question, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", question)));
        if (stream) {
            body.put("stream", true);
            body.put("stream_options", Map.of("include_usage", true));
        }
        return Json.write(body);
    }

    private static JsonNode complete(String key, String body) throws Exception {
        HttpResponse<String> response = gateway.chat(key, body);
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }

    private static String answer(JsonNode completion) {
        return completion.path("choices").path(0).path("message").path("content").asText();
    }

    private static String streamedText(String sse) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: {")) {
                Json.MAPPER.readTree(line.substring(6)).path("choices")
                        .forEach(choice -> text.append(choice.path("delta").path("content").asText("")));
            }
        }
        return text.toString();
    }
}
