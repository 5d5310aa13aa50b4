package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} (the reference's JSON) and the access to Prometheus's endpoint: an admin key, a metrics key
 * ({@code GATEWAY_METRICS_KEY}) that opens nothing else, or no key on a port of its own ({@code GATEWAY_METRICS_PORT}).
 */
class MetricsIT {

    private static final String METRICS_KEY = "scrape-secret-1";

    /** @return how much the number at {@code path} grew from {@code before} to {@code after} (absent: 0) */
    @SuppressWarnings("unchecked")
    private static long delta(Map<String, Object> before, Map<String, Object> after, String... path) {
        return number(after, path) - number(before, path);
    }

    @SuppressWarnings("unchecked")
    private static long number(Map<String, Object> map, String... path) {
        Object value = map;
        for (String key : path) {
            value = value instanceof Map<?, ?> node ? node.get(key) : null;
        }
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonSummaryAndPrometheusAccessByAdminKeyMetricsKeyOrItsOwnPort(@TempDir Path configDir) throws Exception {
        try (MockUpstreamProcess mock = MockUpstreamProcess.start();
             RunningGateway gateway = RunningGateway.start(configDir, RunningGateway.mockUpstream(mock, 5),
                     Map.of("GATEWAY_METRICS_KEY", METRICS_KEY, "GATEWAY_METRICS_PORT", "0"))) {
            // The meters are the JVM's, shared with the tests that ran before: what this test did is the difference.
            Map<String, Object> before = Json.readObject(gateway.get("/metrics", RunningGateway.KEY).body());
            assertEquals(200, gateway.chat(RunningGateway.KEY,
                    "{\"model\":\"mock/mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .statusCode());
            assertEquals(200, gateway.chat(RunningGateway.KEY, "{\"model\":\"mock/mock-model\",\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode());

            // A request is counted once its response has gone: the last one may still be on its way to the meters.
            HttpResponse<String> json;
            Map<String, Object> metrics;
            long deadline = System.nanoTime() + 5_000_000_000L;
            do {
                json = gateway.get("/metrics", RunningGateway.KEY);
                assertEquals(200, json.statusCode(), json.body());
                metrics = Json.readObject(json.body());
            } while (delta(before, metrics, "streaming_requests") < 1 && System.nanoTime() < deadline);
            assertTrue(delta(before, metrics, "total_requests") >= 3, json.body()); // two chats, one /metrics
            assertEquals(1, delta(before, metrics, "streaming_requests"), json.body());
            Map<String, Object> latency = (Map<String, Object>) metrics.get("latency_ms");
            double min = ((Number) latency.get("min")).doubleValue();
            double avg = ((Number) latency.get("avg")).doubleValue();
            double max = ((Number) latency.get("max")).doubleValue();
            assertTrue(0 < min && min <= avg && avg <= max, latency.toString());
            assertEquals(2, delta((Map<String, Object>) before.get("upstreams"),
                    (Map<String, Object>) metrics.get("upstreams"), "mock", "requests"), json.body());
            assertTrue(delta(before, metrics, "tokens", "total") > 0, json.body());
            assertTrue(metrics.get("tools") instanceof Map);

            assertEquals(200, gateway.get("/metrics/prometheus", RunningGateway.KEY).statusCode());
            HttpResponse<String> scraped = gateway.get("/metrics/prometheus", METRICS_KEY);
            assertEquals(200, scraped.statusCode(), scraped.body());
            assertTrue(scraped.body().contains("agent_gateway_tokens_total"));
            assertEquals(200, gateway.get("/metrics", METRICS_KEY).statusCode());
            assertEquals(401, gateway.get("/v1/models", METRICS_KEY).statusCode(), "the metrics key opens no more");
            assertEquals(401, gateway.get("/usage", METRICS_KEY).statusCode());
            assertEquals(401, gateway.get("/metrics/prometheus", "wrong-key-123").statusCode());

            assertTrue(gateway.metricsPort() > 0);
            HttpResponse<String> open = gateway.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.metricsPort() + "/metrics/prometheus")));
            assertEquals(200, open.statusCode());
            assertTrue(open.body().contains("agent_gateway_requests_total"));
            HttpResponse<String> nothingElse = gateway.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.metricsPort() + "/v1/models")));
            assertEquals(404, nothingElse.statusCode(), "the metrics port serves metrics alone");
        }
    }
}
