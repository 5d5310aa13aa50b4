package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GATEWAY_MAX_IN_FLIGHT: with as many requests in flight as the limit allows, the next one is refused at once with an
 * OpenAI error body, 503 and Retry-After, while probes and metrics still answer; once those requests end, requests are
 * served again.
 */
class InFlightLimitIT {

    @TempDir
    Path configDir;

    @Test
    void beyondTheLimitARequestIsRefusedAtOnceAndServedAgainOnceOthersEnd() throws Exception {
        try (SilentServer upstream = new SilentServer();
             RunningGateway gateway = RunningGateway.start(configDir, """
                     upstreams:
                       - {name: slow, provider: openai-compatible, base_url: "http://127.0.0.1:%d/v1", timeout: 30,
                          retries: 0}
                     """.formatted(upstream.port()), Map.of("GATEWAY_MAX_IN_FLIGHT", "2"))) {
            List<Socket> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    waiting.add(sendAndWait(gateway));
                    assertTrue(upstream.calls.poll(10, TimeUnit.SECONDS) != null, "call " + i + " reached the upstream");
                }

                HttpResponse<String> refused = gateway.get("/v1/models", RunningGateway.KEY);
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
                @SuppressWarnings("unchecked")
                Map<String, Object> error = (Map<String, Object>) Json.readObject(refused.body()).get("error");
                assertEquals("gateway_overloaded", error.get("code"), refused.body());
                assertEquals("api_error", error.get("type"), refused.body());
                assertTrue(String.valueOf(error.get("message")).contains("limit of 2 requests at once"
                        + " (GATEWAY_MAX_IN_FLIGHT)"), refused.body());
                assertEquals(200, gateway.get("/health", RunningGateway.KEY).statusCode(), "probes are never refused");
                assertEquals(200, gateway.get("/metrics", RunningGateway.KEY).statusCode(), "nor metrics");
                assertEquals(200, gateway.get("/metrics/prometheus", RunningGateway.KEY).statusCode(),
                        "nor what Prometheus scrapes");
            } finally {
                for (Socket client : waiting) {
                    client.close(); // the gateway cancels an abandoned call, and its place is free again
                }
            }

            int status = 0;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); status != 200
                    && System.nanoTime() < deadline; Thread.sleep(50)) {
                status = gateway.get("/v1/models", RunningGateway.KEY).statusCode();
            }
            assertEquals(200, status, "served again once the requests in flight ended");
        }
    }

    /** Sends a chat request the silent upstream never answers, on a connection of its own, and leaves it waiting. */
    private static Socket sendAndWait(RunningGateway gateway) throws Exception {
        String body = Json.write(Map.of("model", "slow/thinker",
                "messages", List.of(Map.of("role", "user", "content", "take your time"))));
        Socket client = new Socket("127.0.0.1", gateway.port());
        OutputStream out = client.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + RunningGateway.KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return client;
    }
}
