package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import io.agentgateway.host.tools.TestCalls;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that leaves mid-stream cancels the agent run and its in-flight upstream call. */
class AgentDisconnectIT {

    @TempDir
    Path configDir;

    @Test
    void aClientThatDisconnectsCancelsTheRunAndTheUpstreamStream() throws Exception {
        // 20 chunks 600 ms apart: the upstream stream would last 12 s if the gateway kept reading it, well past the
        // wait below, which is generous because a busy machine can be slow to notice the client left.
        try (AgentFixture fixture = new AgentFixture(configDir, "--chunk-delay-ms", "600", "--chunks", "20")) {
            fixture.script(text("a long answer that is streamed slowly, chunk after chunk, for seconds"));
            long before = cancelledRuns();
            String body = Json.write(Map.of("model", "default/weatheragent", "stream", true,
                    "messages", List.of(Map.of("role", "user", "content", "talk slowly"))));
            try (Socket socket = new Socket("127.0.0.1", fixture.gateway.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + RunningGateway.KEY + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.startsWith("data: {")) {
                    // headers, until the first chunk of the answer
                }
                assertTrue(line != null, "the stream started");
            } // the client leaves after the first chunk

            long deadline = System.currentTimeMillis() + 6000;
            while (cancelledRuns() == before && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(cancelledRuns() > before, "the run was not recorded as cancelled within 6 s of the client"
                    + " leaving: the upstream stream, 12 s long, was being read to its end");
        }
    }

    /**
     * A client that leaves a non-streaming agent call while the agent's HTTP tool waits for its (silent) service: the
     * tool's connection is closed within seconds, long before the tool's 30 s timeout (the service sees it), and the
     * request is logged as 499.
     */
    @Test
    void aClientThatLeavesANonStreamingRunDuringAToolCallStopsTheToolLongBeforeItsTimeout() throws Exception {
        try (SilentServer tool = new SilentServer();
             AgentFixture fixture = new AgentFixture(configDir, Map.of(
                     "GATEWAY_DEFAULT_UPSTREAM", "mock", "GATEWAY_DEFAULT_MODEL", AgentFixture.MODEL,
                     "tools.yaml", """
                             tools:
                               - {name: slow_lookup, provider: http, url: "http://127.0.0.1:%d/lookup", method: POST,
                                  timeout: 30, schema: {type: object, properties: {q: {type: string}}}}
                             """.formatted(tool.port()),
                     "agents.yaml", """
                             version: 1
                             defaults: {namespace: default, upstream: mock, model: %s}
                             agents:
                               - name: Looker
                                 instructions: Look it up with slow_lookup.
                                 tools: [slow_lookup]
                             """.formatted(AgentFixture.MODEL)));
             TestCalls.LogCapture log = new TestCalls.LogCapture()) {
            fixture.script(AgentFixture.calls("slow_lookup", "{\"q\":\"x\"}"), text("found"));
            String body = Json.write(Map.of("model", "default/looker",
                    "messages", List.of(Map.of("role", "user", "content", "look it up"))));
            Socket client = new Socket("127.0.0.1", fixture.gateway.port());
            client.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + RunningGateway.KEY + "\r\nContent-Type: application/json\r\n"
                    + "x-request-id: leaving-a-tool\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
            assertTrue(tool.calls.poll(20, TimeUnit.SECONDS) != null, "the tool was called");

            long left = System.nanoTime();
            client.close();
            // The tool times out after 30 s: a close seen within 5 s came from the client leaving, not the timeout.
            Long closedAt = tool.closes.poll(10, TimeUnit.SECONDS);
            assertTrue(closedAt != null, "the tool's service never saw its connection close: "
                    + log.lines("tool.invoke") + log.lines("http.request"));
            long millis = (closedAt - left) / 1_000_000;
            assertTrue(millis < 5000, "the tool's connection closed " + millis + " ms after the client left");
            boolean logged = false;
            for (long deadline = System.currentTimeMillis() + 3000; !logged && System.currentTimeMillis() < deadline;
                    Thread.sleep(20)) {
                logged = log.lines("http.request").stream()
                        .anyMatch(line -> line.contains("leaving-a-tool") && line.contains("\"status\":499"));
            }
            assertTrue(logged, "no http.request line with status 499: " + log.lines("http.request"));
        }
    }

    private static long cancelledRuns() {
        MeterRegistry registry = Services.get(MeterRegistry.class);
        return registry.counter("agent_gateway_agent_runs_total",
                List.of(Tag.create("agent", "default/weatheragent"), Tag.create("outcome", "cancelled")))
                .map(Counter::count).orElse(0L);
    }
}
