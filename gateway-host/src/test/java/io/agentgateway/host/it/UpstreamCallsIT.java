package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code <upstream>/<model>} requests through the real gateway and openai-compatible plugin to the mock process:
 * what the operator sees in the metrics and the client in the headers.
 */
class UpstreamCallsIT {

    @TempDir
    static Path configDir;
    private static MockUpstreamProcess mock;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        mock = MockUpstreamProcess.start();
        // Names of their own: the meter registry is shared by every gateway started in this JVM.
        gateway = RunningGateway.start(configDir, """
                upstreams:
                  - name: calls
                    provider: openai-compatible
                    base_url: %1$s
                    timeout: 3
                    models: [mock-model, error-429]
                  - name: limited
                    provider: openai-compatible
                    base_url: %1$s
                    timeout: 3
                    retries: 0
                    models: [error-429, keeps-stream-options]
                  - name: plain
                    provider: openai-compatible
                    base_url: %1$s
                    timeout: 3
                    stream_options: false
                    models: [drops-stream-options]
                  - name: flaky
                    provider: openai-compatible
                    base_url: %1$s
                    timeout: 3
                    models: [fail-once-plain, fail-once-streamed]
                  - name: labels
                    provider: openai-compatible
                    base_url: %1$s
                    timeout: 30
                    retries: 0
                groups:
                  - name: team/labelled
                    targets:
                      - {upstream: labels, model: group-target}
                """.formatted(mock.baseUrl()), Map.of("agents.yaml", """
                version: 1
                defaults: {namespace: default, upstream: limited, model: error-429}
                agents:
                  - name: limited
                    instructions: Answer.
                """));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        mock.close();
    }

    @Test
    void plainUpstreamRequestsAreCountedByOutcomeWithLatencyInMilliseconds() throws Exception {
        assertEquals(200, chat("calls/mock-model", false).statusCode());
        assertEquals(200, chat("calls/mock-model", true).statusCode());
        assertEquals(429, chat("calls/error-429", false).statusCode());

        String metrics = get("/metrics/prometheus").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_upstream_requests_total{")
                && l.contains("upstream=\"calls\"") && l.contains("model=\"mock-model\"")
                && l.contains("status=\"ok\"") && l.endsWith(" 2.0")), metrics);
        // Each attempt is a request to the upstream: the 429 was retried once (upstreams retry once by default).
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_upstream_requests_total{")
                && l.contains("upstream=\"calls\"") && l.contains("model=\"error-429\"")
                && l.contains("status=\"429\"") && l.endsWith(" 2.0")), metrics);
        for (String model : new String[] {"mock-model", "error-429"}) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_upstream_latency_ms_count{")
                    && l.contains("upstream=\"calls\"") && l.contains("model=\"" + model + "\"")
                    && l.endsWith(" 2.0")), metrics);
        }
        assertTrue(metrics.lines().noneMatch(l -> l.startsWith("agent_gateway_upstream_latency_ms_seconds")
                || l.startsWith("agent_gateway_upstream_latency_ms_milliseconds")), metrics);
    }

    /**
     * A group's call is counted under the model its target names, a listed model under its id, and a model id a client
     * made up (it reaches the upstream, which answers it) as {@code unlisted}: no series carries what a client typed.
     */
    @Test
    void upstreamMetricsNameTheTargetsModelButNeverAModelAClientMadeUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!get("/v1/models").body().contains("\"labels/mock-model\"") && System.nanoTime() < deadline) {
            Thread.sleep(50); // the server's list, asked for in the background at start
        }
        assertTrue(get("/v1/models").body().contains("\"labels/mock-model\""), "the server's list came");
        assertEquals(200, chat("team/labelled", false).statusCode());
        assertEquals(200, chat("team/labelled", true).statusCode());
        assertEquals(200, chat("labels/mock-model", false).statusCode());
        assertEquals(200, chat("labels/typed-by-a-client-7f3a", false).statusCode());
        assertEquals(200, chat("labels/typed-by-a-client-9c1e", true).statusCode());

        String metrics = get("/metrics/prometheus").body();
        BiPredicate<String, String> requests = (model, count) -> metrics.lines()
                .anyMatch(l -> l.startsWith("agent_gateway_upstream_requests_total{")
                        && l.contains("upstream=\"labels\"") && l.contains("model=\"" + model + "\"")
                        && l.contains("status=\"ok\"") && l.endsWith(" " + count));
        assertTrue(requests.test("group-target", "2.0"), metrics);
        assertTrue(requests.test("mock-model", "1.0"), metrics);
        assertTrue(requests.test("unlisted", "2.0"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_upstream_latency_ms_count{")
                && l.contains("upstream=\"labels\"") && l.contains("model=\"group-target\"")
                && l.endsWith(" 2.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_upstream_in_flight{")
                && l.contains("upstream=\"labels\"") && l.contains("model=\"group-target\"")), metrics);
        assertTrue(metrics.lines().noneMatch(l -> l.contains("typed-by-a-client")), metrics);
        assertTrue(get("/metrics").body().contains("\"labels\":{\"requests\":5"), get("/metrics").body());
    }

    @Test
    void anUpstreams429ReachesTheClientWithItsRetryAfter() throws Exception {
        for (String model : new String[] {"limited/error-429", "default/limited"}) {
            for (boolean stream : new boolean[] {false, true}) {
                HttpResponse<String> response = chat(model, stream);
                assertEquals(429, response.statusCode(), model + " stream=" + stream + ": " + response.body());
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null),
                        model + " stream=" + stream);
                assertTrue(response.body().contains("\"rate_limit_error\""), response.body());
            }
        }
    }

    @Test
    void aFailureThatPassesIsRetriedAndTheClientNeverSeesIt() throws Exception {
        HttpResponse<String> plain = chat("flaky/fail-once-plain", false);
        HttpResponse<String> streamed = chat("flaky/fail-once-streamed", true);

        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(plain.body().contains("echo: hi"), plain.body());
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(streamed.body().contains("data: [DONE]") && !streamed.body().contains("\"error\""),
                streamed.body());
        String metrics = get("/metrics/prometheus").body();
        for (String model : new String[] {"fail-once-plain", "fail-once-streamed"}) {
            for (String status : new String[] {"503", "ok"}) {
                assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_upstream_requests_total{")
                        && l.contains("upstream=\"flaky\"") && l.contains("model=\"" + model + "\"")
                        && l.contains("status=\"" + status + "\"") && l.endsWith(" 1.0")), metrics);
            }
        }
    }

    @Test
    void anUpstreamConfiguredWithoutStreamOptionsNeverReceivesThem() throws Exception {
        String withOptions = """
                "stream_options":{"include_usage":true},""";
        HttpResponse<String> dropped = chat("plain/drops-stream-options", true, withOptions);
        HttpResponse<String> kept = chat("limited/keeps-stream-options", true, withOptions);

        assertEquals(200, dropped.statusCode(), dropped.body());
        assertTrue(dropped.body().contains("\"content\"") && dropped.body().contains("data: [DONE]"), dropped.body());
        String received = mock.requestsFor("drops-stream-options");
        assertTrue(received.contains("\"stream\":true"), received);
        assertFalse(received.contains("stream_options"), received);
        assertEquals(200, kept.statusCode(), kept.body());
        assertTrue(mock.requestsFor("keeps-stream-options").contains("\"stream_options\""), "others still get it");
    }

    @Test
    void requestLatencyIsExportedInMilliseconds() throws Exception {
        get("/v1/models"); // no upstream call, so the other test's counts stay exact

        String metrics = get("/metrics/prometheus").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("agent_gateway_request_latency_ms_count{")), metrics);
        assertTrue(metrics.lines().noneMatch(l -> l.startsWith("agent_gateway_request_latency_ms_seconds")), metrics);
    }

    private static HttpResponse<String> chat(String model, boolean stream) throws Exception {
        return chat(model, stream, "");
    }

    private static HttpResponse<String> chat(String model, boolean stream, String moreFields) throws Exception {
        String body = """
                {"model":"%s","stream":%s,%s"messages":[{"role":"user","content":"hi"}]}""".formatted(model, stream,
                moreFields);
        return gateway.chat(RunningGateway.KEY, body);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = gateway.get(path, RunningGateway.KEY);
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }
}
