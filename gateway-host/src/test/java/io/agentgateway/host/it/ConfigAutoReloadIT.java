package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GATEWAY_AGENT_AUTO_RELOAD=1} on a real gateway process: each config file is edited on disk while it serves;
 * a good edit is served without a request to a refresh route, a broken one is refused with the previous version still
 * serving, and the refusal is in the log (file, key path, what is wrong) and in the metrics.
 */
class ConfigAutoReloadIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(60); // a loaded machine may be slow; never a speed test
    private static final String UPSTREAMS = """
            upstreams:
              - name: demo
                provider: demo
                base_url: in-process
            """;

    @Test
    void editsOfEachFileAreServedAndBrokenOnesRefusedWithTheOldVersionServing(@TempDir Path configDir)
            throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(configDir, UPSTREAMS,
                Map.of("GATEWAY_AGENT_AUTO_RELOAD", "1"))) {
            Path agents = configDir.resolve("agents.yaml");
            Path tools = configDir.resolve("tools.yaml");
            Path security = configDir.resolve("security.yaml");
            Path upstreams = configDir.resolve("upstreams.yaml");

            // agents.yaml: a new agent is offered as a model, then a broken edit leaves it offered.
            Files.writeString(agents, """
                    agents:
                      - name: helper
                        upstream: demo
                        model: echo
                        instructions: Answer briefly.
                    """);
            eventually(() -> get(gateway, "/v1/models", RunningGateway.KEY).body().contains("default/helper"));
            Files.writeString(agents, """
                    agents:
                      - name: helper
                        upstream: demo
                        model: echo
                        max_turns: 3
                    """);
            Map<String, Object> refused = awaitEvent(gateway, "agents.refresh", "failed");
            String error = (String) refused.get("error");
            assertTrue(error.contains(agents.toString()) && error.contains("agents[0].max_turns")
                    && error.contains("unknown key"), error);
            assertTrue(get(gateway, "/v1/models", RunningGateway.KEY).body().contains("default/helper"),
                    "the agents in force stay");
            String metrics = get(gateway, "/metrics/prometheus", RunningGateway.KEY).body();
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("agent_gateway_config_refused{")
                    && line.contains("file=\"agents.yaml\"") && line.endsWith(" 1.0")), metrics);

            // tools.yaml: a new HTTP tool is listed.
            Files.writeString(tools, """
                    tools:
                      - name: lookup
                        url: http://127.0.0.1:9/lookup
                    """);
            eventually(() -> get(gateway, "/tools", RunningGateway.KEY).body().contains("\"lookup\""));

            // security.yaml: a new key is let in; a deleted file is refused, not read as "no keys".
            assertEquals(401, get(gateway, "/v1/models", "second-secret").statusCode());
            Files.writeString(security, RunningGateway.securityYaml("""
                      - id: second
                        key: second-secret
                    """));
            // Waits for the log, not with the new key: each refusal of an unknown key counts towards a lockout.
            awaitEvent(gateway, "security.refresh", "ok");
            assertEquals(200, get(gateway, "/v1/models", "second-secret").statusCode());
            Files.delete(security);
            String gone = (String) awaitEvent(gateway, "security.refresh", "failed").get("error");
            assertTrue(gone.contains(security.toString()) && gone.contains("file not found"), gone);
            assertEquals(200, get(gateway, "/v1/models", "second-secret").statusCode(), "the keys in force stay");
            assertEquals(401, get(gateway, "/v1/models", "wrong-secret").statusCode());

            // upstreams.yaml is read at start only: an edit is checked, and the log says a restart puts it in force.
            Files.writeString(upstreams, UPSTREAMS + "    timout: 5\n");
            String typo = (String) awaitEvent(gateway, "upstreams.refresh", "failed").get("error");
            assertTrue(typo.contains("upstreams[0].timout") && typo.contains("timeout"), typo);
            Files.writeString(upstreams, UPSTREAMS + "    timeout: 5\n");
            awaitEvent(gateway, "upstreams.refresh", "restart_needed");

            assertTrue(gateway.alive());
        }
    }

    @Test
    void aValueItCannotReadStopsTheStartNamingTheVariable(@TempDir Path configDir) {
        ConfigException refused = assertThrows(ConfigException.class, () -> RunningGateway.start(configDir, UPSTREAMS,
                Map.of("GATEWAY_AGENT_AUTO_RELOAD", "sometimes")).close());
        assertTrue(refused.getMessage().contains("GATEWAY_AGENT_AUTO_RELOAD"), refused.getMessage());
    }

    private static HttpResponse<String> get(GatewayProcess gateway, String path, String key)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks until {@code condition} holds: the change is put in force once the file has been quiet for a while. */
    private static void eventually(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            assertTrue(System.nanoTime() < deadline, "not in force within " + PATIENCE);
            Thread.sleep(100);
        }
    }

    /** @return the first log event named {@code event} with that {@code status}, once the gateway has logged it */
    private static Map<String, Object> awaitEvent(GatewayProcess gateway, String event, String status)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (String line : gateway.log()) {
                Map<String, Object> json = json(line);
                if (json != null && event.equals(json.get("event")) && status.equals(json.get("status"))) {
                    return json;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no " + event + " " + status + " within " + PATIENCE + ": "
                    + gateway.log().stream().filter(line -> line.contains(event)).toList());
            Thread.sleep(100);
        }
    }

    private static Map<String, Object> json(String line) {
        try {
            return line.startsWith("{") ? Json.readObject(line) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
