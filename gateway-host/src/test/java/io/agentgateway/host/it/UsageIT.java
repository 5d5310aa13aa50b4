package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.calls;
import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.plugins.CapturedEvents;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Token usage on the real gateway with a mock upstream process: every upstream call (an agent's turns included) is
 * kept per key, model, upstream and agent, priced by prices.yaml, shown at {@code GET /usage}, counted in Prometheus,
 * logged on the {@code http.request} line, and still there after a restart on the same data directory.
 */
class UsageIT {

    private static final String PRICES = """
            currency: EUR
            models:
              mock/*: {prompt_per_million: 1000000, completion_per_million: 2000000}
            """;

    @Test
    void everyCallIsCountedShownLoggedPricedAndKeptAcrossARestart(@TempDir Path configDir, @TempDir Path data)
            throws Exception {
        Map<String, String> config = Map.of(
                "GATEWAY_DEFAULT_UPSTREAM", "mock", "GATEWAY_DEFAULT_MODEL", AgentFixture.MODEL,
                "GATEWAY_DATA_DIR", data.toString(),
                "GATEWAY_PRICES_CONFIG", configDir.resolve("prices.yaml").toString(),
                "prices.yaml", PRICES,
                "agents.yaml", """
                        version: 1
                        defaults: {namespace: default, upstream: mock, model: %s}
                        agents:
                          - name: Counter
                            instructions: Count the words with word_count.
                            tools: [word_count]
                        """.formatted(AgentFixture.MODEL));
        Map<String, Object> totalBefore;
        try (AgentFixture agents = new AgentFixture(configDir, config);
             CapturedEvents events = new CapturedEvents()) {
            // A direct call: its usage is the client's, the log line's and the store's.
            HttpResponse<String> direct = agents.gateway.chat(RunningGateway.KEY, """
                    {"model":"mock/mock-model","messages":[{"role":"user","content":"count me in please"}]}""");
            assertEquals(200, direct.statusCode(), direct.body());
            Map<String, Object> usage = map(Json.readObject(direct.body()).get("usage"));
            long directTotal = number(usage.get("total_tokens"));
            assertTrue(directTotal > 0);
            Map<String, Object> line = events.await("http.request", 1).getLast();
            assertEquals(directTotal, number(line.get("total_tokens")), line.toString());
            assertEquals(number(usage.get("prompt_tokens")), number(line.get("prompt_tokens")));
            assertTrue(((Number) line.get("cost")).doubleValue() > 0, line.toString());

            // A stream the client asked no usage of: the upstream is asked, the client sees none, it is counted.
            HttpResponse<String> stream = agents.gateway.chat(RunningGateway.KEY, """
                    {"model":"mock/mock-model","stream":true,"messages":[{"role":"user","content":"stream it"}]}""");
            assertEquals(200, stream.statusCode());
            assertFalse(stream.body().contains("\"usage\":{"), stream.body());
            Map<String, Object> sent = Json.readObject(
                    Json.MAPPER.readTree(agents.mock.requestsFor("mock-model")).get(1).toString());
            assertEquals(Map.of("include_usage", true), sent.get("stream_options"));
            long streamTotal = number(events.await("http.request", 2).getLast().get("total_tokens"));
            assertTrue(streamTotal > 0);

            // An agent run of two turns: both count, for the agent, on the model it runs on.
            agents.script(calls("word_count", "{\"text\":\"one two\"}"), text("Two words."));
            HttpResponse<String> run = agents.chat("default/counter", "one two", false);
            assertEquals(200, run.statusCode(), run.body());
            long runTotal = number(map(Json.readObject(run.body()).get("usage")).get("total_tokens"));
            assertEquals(runTotal, number(events.await("http.request", 3).getLast().get("total_tokens")));

            Map<String, Object> all = usage(agents.gateway, "");
            assertEquals("EUR", all.get("currency"));
            Map<String, Object> agentRow = rows(all).stream()
                    .filter(row -> "default/counter".equals(row.get("agent"))).findFirst().orElseThrow();
            assertEquals("it", agentRow.get("key_id"));
            assertEquals("mock/" + AgentFixture.MODEL, agentRow.get("model"));
            assertEquals("mock", agentRow.get("upstream"));
            assertEquals(2, number(agentRow.get("calls")));
            assertEquals(runTotal, number(agentRow.get("total_tokens")));
            totalBefore = map(all.get("total"));
            assertEquals(directTotal + streamTotal + runTotal, number(totalBefore.get("total_tokens")));

            Map<String, Object> directOnly = usage(agents.gateway, "?key_id=it&model=mock/mock-model");
            assertEquals(directTotal + streamTotal, number(map(directOnly.get("total")).get("total_tokens")));
            assertEquals(0, rows(usage(agents.gateway, "?from=2999-01-01")).size());
            assertEquals(0, rows(usage(agents.gateway, "?key_id=nobody")).size());
            HttpResponse<String> badRange = agents.gateway.get("/usage?from=yesterday", RunningGateway.KEY);
            assertEquals(400, badRange.statusCode());
            assertTrue(badRange.body().contains("\"param\":\"from\""), badRange.body());

            String prometheus = agents.gateway.get("/metrics/prometheus", RunningGateway.KEY).body();
            assertTrue(prometheus.lines().anyMatch(metric -> metric.startsWith("agent_gateway_tokens_total{")
                    && metric.contains("agent=\"default/counter\",key_id=\"it\",model=\"mock/agent-model\",")
                    && metric.contains("type=\"prompt\",upstream=\"mock\"")), prometheus);
            assertTrue(prometheus.contains("agent_gateway_cost_micros_total{"), prometheus);
        }
        Files.writeString(configDir.resolve("upstreams.yaml"), "upstreams: []\n");
        try (RunningGateway restarted = RunningGateway.start(configDir, "upstreams: []\n",
                Map.of("GATEWAY_DATA_DIR", data.toString()))) {
            assertEquals(totalBefore, map(usage(restarted, "").get("total")));
        }
    }

    @Test
    void aStartThatFailsAfterTheUsageWriterStartedEndsItsThread(@TempDir Path configDir) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // prices.yaml is read just after the usage writer starts: a price it cannot use stops the start there.
        ConfigException refused = assertThrows(ConfigException.class, () -> RunningGateway.start(configDir,
                "upstreams: []\n", Map.of("GATEWAY_PRICES_CONFIG", configDir.resolve("prices.yaml").toString(),
                        "prices.yaml", "models:\n  mock/*: {prompt_per_million: -1, completion_per_million: 1}\n")));
        assertTrue(refused.getMessage().contains("cannot be negative"), refused.getMessage());
        List<Thread> writersLeft = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.getName().equals("usage-writer")).toList();
        assertEquals(List.of(), writersLeft, "the failed start's usage writer is stopped, not left running");
    }

    private static Map<String, Object> usage(RunningGateway gateway, String query) throws Exception {
        HttpResponse<String> response = gateway.get("/usage" + query, RunningGateway.KEY);
        assertEquals(200, response.statusCode(), response.body());
        return Json.readObject(response.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> usage) {
        return (List<Map<String, Object>>) usage.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertNotNull(value);
        return (Map<String, Object>) value;
    }

    private static long number(Object value) {
        assertNotNull(value);
        return ((Number) value).longValue();
    }
}
