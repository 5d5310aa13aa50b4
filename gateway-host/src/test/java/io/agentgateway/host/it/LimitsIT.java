package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-key limits on the real gateway: with 200 concurrent clients exactly the limit is admitted, for requests per
 * minute and for tokens per minute; a spent budget refuses requests, and still does after a restart.
 */
class LimitsIT {

    private static final String KEYS = """
              - id: rpm
                key: rpm-secret
                rate_limit: {per_minute: 50}
              - id: tpm
                key: tpm-secret
                rate_limit: {tokens_per_minute: 1000}
              - id: budget
                key: budget-secret
                budget: {tokens_per_day: 1}
            """;

    @Test
    void twoHundredConcurrentClientsGetExactlyTheRequestsPerMinute(@TempDir Path configDir) throws Exception {
        try (RunningGateway gateway = RunningGateway.start(configDir, "upstreams: []\n",
                Map.of("security.yaml", RunningGateway.securityYaml(KEYS)))) {
            List<HttpResponse<String>> responses = concurrently(200, () -> gateway.get("/v1/models", "rpm-secret"));
            assertEquals(50, count(responses, 200));
            HttpResponse<String> refused = only(responses, 429);
            assertEquals("rate_limit_exceeded", code(refused));
            long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        }
    }

    @Test
    void twoHundredConcurrentClientsReserveExactlyTheTokensPerMinute(@TempDir Path configDir) throws Exception {
        // The upstream answers after 30 s: no admitted request ends, and so none settles its reservation, while the
        // others are refused. The admitted ones are then ended by stopping the upstream.
        MockUpstreamProcess mock = MockUpstreamProcess.start("--latency-ms", "30000");
        try (RunningGateway gateway = RunningGateway.start(configDir, RunningGateway.mockUpstream(mock, 40),
                Map.of("security.yaml", RunningGateway.securityYaml(KEYS)))) {
            // Each reserves 104 tokens: 4 for its one message ("hi", under a token) and its max_tokens of 100.
            String body = """
                    {"model":"mock/mock-model","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";
            int admitted = 1000 / 104;
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                CompletionService<HttpResponse<String>> calls = new ExecutorCompletionService<>(threads);
                for (int i = 0; i < 200; i++) {
                    calls.submit(() -> {
                        start.await();
                        return gateway.chat("tpm-secret", body);
                    });
                }
                start.countDown();
                for (int i = 0; i < 200 - admitted; i++) {
                    Future<HttpResponse<String>> done = calls.poll(25, TimeUnit.SECONDS);
                    assertTrue(done != null, "only " + i + " of " + (200 - admitted) + " clients were refused");
                    HttpResponse<String> refused = done.get();
                    assertEquals(429, refused.statusCode(), refused.body());
                    assertEquals("tokens_per_minute_exceeded", code(refused), refused.body());
                    assertTrue(refused.headers().firstValue("retry-after").isPresent());
                }
                assertEquals(null, calls.poll(500, TimeUnit.MILLISECONDS), "more clients were refused");
                mock.close(); // the admitted calls end now, failing upstream
            }
        } finally {
            mock.close();
        }
    }

    @Test
    void aSpentBudgetRefusesRequestsAndStillDoesAfterARestart(@TempDir Path configDir, @TempDir Path data)
            throws Exception {
        Map<String, String> config = Map.of("security.yaml", RunningGateway.securityYaml(KEYS),
                "GATEWAY_DATA_DIR", data.toString());
        String body = """
                {"model":"mock/mock-model","messages":[{"role":"user","content":"spend it"}]}""";
        try (MockUpstreamProcess mock = MockUpstreamProcess.start()) {
            String upstreams = RunningGateway.mockUpstream(mock, 5);
            try (RunningGateway gateway = RunningGateway.start(configDir, upstreams, config)) {
                assertEquals(200, gateway.chat("budget-secret", body).statusCode());
                assertBudgetSpent(gateway.chat("budget-secret", body));
                assertEquals(200, gateway.chat(RunningGateway.KEY, body).statusCode(), "other keys are not held");
            }
            try (RunningGateway restarted = RunningGateway.start(configDir, upstreams, config)) {
                assertBudgetSpent(restarted.chat("budget-secret", body));
            }
        }
    }

    private static void assertBudgetSpent(HttpResponse<String> response) throws Exception {
        assertEquals(429, response.statusCode(), response.body());
        assertEquals("budget_exceeded", code(response));
        assertTrue(response.body().contains("tokens_per_day"), response.body());
        long retryAfter = Long.parseLong(response.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "Retry-After " + retryAfter);
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    /** Starts {@code clients} calls at once, each on its own thread. */
    private static List<HttpResponse<String>> concurrently(int clients, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private static long count(List<HttpResponse<String>> responses, int status) {
        long counted = responses.stream().filter(response -> response.statusCode() == status).count();
        assertEquals(responses.size(), counted + responses.stream()
                .filter(response -> response.statusCode() == (status == 200 ? 429 : 200)).count(),
                "every response is a 200 or a 429: " + responses.stream().map(HttpResponse::statusCode).toList());
        return counted;
    }

    private static HttpResponse<String> only(List<HttpResponse<String>> responses, int status) {
        return responses.stream().filter(response -> response.statusCode() == status).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static String code(HttpResponse<String> response) throws Exception {
        return (String) ((Map<String, Object>) Json.readObject(response.body()).get("error")).get("code");
    }
}
