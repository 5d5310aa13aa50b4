package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.calls;
import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentgateway.host.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/grafana/agent-gateway.json, the dashboard docs/operations.md offers, asks only for metrics the gateway really
 * exports: every {@code agent_gateway_*} name in its queries is in the Prometheus text of a gateway that served a
 * chat, a stream and an agent run with a tool call, priced.
 */
class GrafanaDashboardIT {

    private static final Pattern METRIC = Pattern.compile("agent_gateway_[a-z_]+");

    @Test
    void everyMetricTheDashboardQueriesIsExported(@TempDir Path configDir) throws Exception {
        JsonNode dashboard = Json.MAPPER.readTree(Files.readString(
                Repository.root().resolve("docs/grafana/agent-gateway.json")));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher metric = METRIC.matcher(target.get("expr").asText());
                while (metric.find()) {
                    queried.add(metric.group());
                }
            }
        }
        assertTrue(queried.size() >= 10, queried.toString());

        try (AgentFixture agents = new AgentFixture(configDir, java.util.Map.of(
                "GATEWAY_DEFAULT_UPSTREAM", "mock", "GATEWAY_DEFAULT_MODEL", AgentFixture.MODEL,
                "GATEWAY_PRICES_CONFIG", configDir.resolve("prices.yaml").toString(),
                "prices.yaml", "models:\n  mock/*: {prompt_per_million: 1000, completion_per_million: 1000}\n",
                "agents.yaml", """
                        version: 1
                        defaults: {namespace: default, upstream: mock, model: %s}
                        agents:
                          - name: Counter
                            instructions: Count the words with word_count.
                            tools: [word_count]
                        """.formatted(AgentFixture.MODEL)))) {
            agents.script(calls("word_count", "{\"text\":\"one two\"}"), text("Two words."));
            assertEquals(200, agents.chat("default/counter", "one two", false).statusCode());
            assertEquals(200, agents.chat("mock/mock-model", "hello", true).statusCode());
            String exported = agents.get("/metrics/prometheus").body();
            Set<String> names = exported.lines().filter(line -> !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(names);
            assertEquals(Set.of(), missing, "queried by the dashboard but not exported");
        }
    }
}
