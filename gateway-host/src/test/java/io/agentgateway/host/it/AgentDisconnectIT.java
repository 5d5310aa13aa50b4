package io.agentgateway.host.it;

import static io.agentgateway.host.it.AgentFixture.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that leaves mid-stream cancels the agent run and its in-flight upstream call. */
class AgentDisconnectIT {

    @TempDir
    Path configDir;

    @Test
    void aClientThatDisconnectsCancelsTheRunAndTheUpstreamStream() throws Exception {
        // 20 chunks 150 ms apart: the upstream stream would last 3 s if the gateway kept reading it.
        try (AgentFixture fixture = new AgentFixture(configDir, "--chunk-delay-ms", "150", "--chunks", "20")) {
            fixture.script(text("a long answer that is streamed slowly, chunk after chunk, for seconds"));
            long before = cancelledRuns();
            String body = Json.write(Map.of("model", "default/weatheragent", "stream", true,
                    "messages", List.of(Map.of("role", "user", "content", "talk slowly"))));
            long started = System.nanoTime();
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

            long deadline = System.currentTimeMillis() + 2500;
            while (cancelledRuns() == before && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(cancelledRuns() > before, "the run was not recorded as cancelled");
            assertTrue(millis < 2800, "the run ended " + millis + " ms in: the upstream stream was read to its end");
        }
    }

    private static long cancelledRuns() {
        MeterRegistry registry = Services.get(MeterRegistry.class);
        return registry.counter("agent_gateway_agent_runs_total",
                List.of(Tag.create("agent", "default/weatheragent"), Tag.create("outcome", "cancelled")))
                .map(Counter::count).orElse(0L);
    }
}
