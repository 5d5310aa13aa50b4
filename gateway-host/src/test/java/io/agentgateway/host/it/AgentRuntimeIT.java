package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.answer;
import static io.agentgateway.host.it.AgentFixture.calls;
import static io.agentgateway.host.it.AgentFixture.delayedText;
import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent runtime end to end: the real gateway, the shipped plugin jars from plugins-dist and the mock upstream as
 * its own process, scripted to emit the tool calls a model would.
 */
class AgentRuntimeIT {

    @RegisterExtension
    static final SharedAgentFixture agents = SharedAgentFixture.withDefaultAgents();

    @Test
    void theWeatherAgentRunsItsToolAndAnswersWithTheResult() throws Exception {
        agents.get().script(calls("get_weather", Map.of("city", "Paris")), text("Paris: mild and clear."));

        HttpResponse<String> response = agents.get().chat("default/weatheragent", "Weather in Paris?", false);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Paris: mild and clear.", answer(response));
        List<Map<String, Object>> sent = agents.get().upstreamRequests();
        assertEquals(2, sent.size());
        assertTrue(Json.write(sent.get(0).get("tools")).contains("\"get_weather\""));
        List<?> messages = (List<?>) sent.get(1).get("messages");
        Map<?, ?> toolResult = (Map<?, ?>) messages.get(messages.size() - 1);
        assertEquals("tool", toolResult.get("role"));
        assertTrue(String.valueOf(toolResult.get("content")).contains("\"city\":\"Paris\""), toolResult.toString());
    }

    @Test
    void twoToolCallsOfOneTurnBothRunAndBothResultsReachTheModel() throws Exception {
        agents.get().script(calls("get_weather", Map.of("city", "Paris"), "get_weather", Map.of("city", "Oslo")),
                text("Both looked up."));

        HttpResponse<String> response = agents.get().chat("default/weatheragent", "Paris and Oslo?", false);

        assertEquals("Both looked up.", answer(response));
        List<?> messages = (List<?>) agents.get().upstreamRequests().get(1).get("messages");
        String results = Json.write(messages.subList(messages.size() - 2, messages.size()));
        assertTrue(results.contains("Paris") && results.contains("Oslo"), results);
    }

    @Test
    void proposersFanOutInParallel() throws Exception {
        agents.get().script(calls("gather_proposals", Map.of("input", "Monorepo?")),
                delayedText("analyst view", 1000), delayedText("creative view", 1000),
                delayedText("skeptic view", 1000), text("Merged view."));

        long started = System.nanoTime();
        HttpResponse<String> response = agents.get().chat("default/synapse", "Monorepo?", false);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("Merged view.", answer(response));
        assertTrue(millis < 2500, "three 1 s proposers took " + millis + " ms: they did not run in parallel");
    }

    @Test
    void exceedingMaxToolHopsIsAnErrorNamingTheLimit() throws Exception {
        for (int i = 0; i < 4; i++) {
            agents.get().script(calls("get_weather", Map.of("city", "Rome")));
        }

        HttpResponse<String> response = agents.get().chat("default/weatheragent", "Loop", false);

        assertEquals(422, response.statusCode());
        Map<?, ?> error = (Map<?, ?>) Json.readObject(response.body()).get("error");
        assertEquals("max_tool_hops_exceeded", error.get("code"));
        assertTrue(String.valueOf(error.get("message")).contains("max_tool_hops limit of 3"), response.body());
    }

    @Test
    void aDeclarativeAgentRunsAGatewayToolFromAnotherPlugin() throws Exception {
        agents.get().script(calls("word_count", Map.of("text", "one two three")), text("Three words."));

        HttpResponse<String> response = agents.get().chat("default/counter", "one two three", false);

        assertEquals("Three words.", answer(response));
        List<Map<String, Object>> sent = agents.get().upstreamRequests();
        assertEquals("required", sent.get(0).get("tool_choice"));
        List<?> messages = (List<?>) sent.get(1).get("messages");
        assertTrue(String.valueOf(((Map<?, ?>) messages.get(messages.size() - 1)).get("content")).contains("3"),
                messages.toString());
        String listing = agents.get().get("/agents").body();
        assertTrue(listing.contains("\"qualified_name\":\"default/counter\"") && listing.contains("\"declarative\""),
                listing);
    }

    @Test
    void hooksFireInOrder() throws Exception {
        List<String> steps = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("agent-gateway.plugin.spark");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = pluginMessage(record.getMessage());
                if (message != null && message.startsWith("spark request_id=")) {
                    steps.add(message.substring(message.indexOf(' ', "spark request_id=".length()) + 1));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            agents.get().script(calls("plan", Map.of("input", "x")), text("1. do it"),
                    calls("current_time", Map.of()), text("Done at noon."));

            assertEquals("Done at noon.", answer(agents.get().chat("default/spark", "Plan it", false)));
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(List.of("agent start Spark", "tool start plan", "tool end plan", "tool start current_time",
                "tool end current_time", "agent end Spark"), steps);
    }

    /** The text a plugin logged: its logger writes {@code plugin.log} events. */
    private static String pluginMessage(String event) {
        try {
            return event == null ? null : (String) Json.readObject(event).get("message");
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
