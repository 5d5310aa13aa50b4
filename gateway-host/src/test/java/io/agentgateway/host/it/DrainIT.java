package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM with 20 streams in flight: readiness turns 503 at once while liveness and metrics stay 200, new requests
 * are refused with 503 {@code server_shutting_down}, all 20 streams finish normally within the grace, and the process
 * exits 0.
 */
class DrainIT {

    private static final int STREAMS = 20;

    @TempDir
    Path configDir;

    @Test
    void sigtermLetsTwentyStreamsFinishWhileReadinessFailsThenExitsZero() throws Exception {
        // 20 chunks 300 ms apart: each stream lasts about 6 s, well within the 20 s grace.
        try (MockUpstreamProcess mock = MockUpstreamProcess.start("--chunk-delay-ms", "300", "--chunks", "20");
             GatewayProcess gateway = GatewayProcess.start(configDir, RunningGateway.mockUpstream(mock, 10),
                     Map.of("GATEWAY_SHUTDOWN_GRACE", "20"))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + gateway.port();
            CountDownLatch started = new CountDownLatch(STREAMS);
            List<String> endings = new CopyOnWriteArrayList<>();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                clients.add(Thread.ofVirtual().start(() -> endings.add(stream(http, base, started))));
            }
            assertTrue(started.await(20, TimeUnit.SECONDS), "every stream sent its first chunk");

            assertTrue(endings.isEmpty(), "streams ended before the SIGTERM: " + endings);
            gateway.terminate();
            int ready = 0;
            for (long deadline = System.currentTimeMillis() + 2000; ready != 503
                    && System.currentTimeMillis() < deadline; Thread.sleep(20)) {
                ready = get(http, base + "/ready").statusCode();
            }
            assertEquals(503, ready, "/ready during the drain");
            assertEquals(200, get(http, base + "/health").statusCode(), "/health during the drain");
            for (String metrics : List.of("/metrics", "/metrics/prometheus")) {
                HttpResponse<String> watched = http.send(HttpRequest.newBuilder(URI.create(base + metrics))
                        .header("Authorization", "Bearer " + RunningGateway.KEY).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, watched.statusCode(), metrics + " during the drain: " + watched.body());
            }
            HttpResponse<String> refused = http.send(chat(base, false), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("server_shutting_down"), refused.body());

            for (Thread client : clients) {
                client.join(30_000);
            }
            assertEquals(STREAMS, endings.size());
            endings.forEach(ending -> assertEquals("[DONE]", ending, "a stream ended with " + ending));
            assertEquals(0, gateway.awaitExit(30), "exit code after the drain");
        }
    }

    /** @return how the stream ended: {@code [DONE]}, an error event, or what went wrong */
    private static String stream(HttpClient http, String base, CountDownLatch started) {
        try {
            HttpResponse<java.io.InputStream> res = http.send(chat(base, true), HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                started.countDown();
                return "status " + res.statusCode();
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8));
            boolean first = true;
            String last = "no data";
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                if (first) {
                    started.countDown();
                    first = false;
                }
                last = line.substring(5).trim();
                if (last.startsWith("{\"error\"")) {
                    return last;
                }
            }
            return last;
        } catch (Exception e) {
            started.countDown();
            return e.toString();
        }
    }

    private static HttpRequest chat(String base, boolean stream) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + RunningGateway.KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("model", "mock/mock-model",
                        "stream", stream, "messages", List.of(Map.of("role", "user", "content", "long answer"))))))
                .build();
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
