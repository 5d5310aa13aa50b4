package io.agentgateway.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request latency a gateway exports (count, sum, max and minimum) is its own, also when a gateway ran before it
 * in the same JVM: the meter registry is the JVM's, so what the earlier gateway registered is still there.
 */
class RequestLogFilterLatencyTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aLaterGatewaysMinimumIsItsOwnAndAgreesWithItsSummary() throws Exception {
        MeterRegistry shared = Services.get(MeterRegistry.class); // the JVM's, as a gateway's
        WebServer earlier = server(new RequestLogFilter(shared), Duration.ofSeconds(1));
        try {
            send(earlier); // its only request takes at least a second
        } finally {
            earlier.stop();
        }

        WebServer later = server(new RequestLogFilter(shared), Duration.ZERO);
        try {
            long started = System.nanoTime();
            send(later);
            double seenByClientMs = (System.nanoTime() - started) / 1_000_000.0;

            Gauge minimum = shared.meter(Gauge.class, RequestLogFilter.LATENCY_MIN, List.of()).orElseThrow();
            DistributionSummary latency = shared.meter(DistributionSummary.class, RequestLogFilter.LATENCY, List.of())
                    .orElseThrow();
            // The filter records a request once its handler has returned, which may be after the client has read
            // the answer: wait for the record (a deadline all the same).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((latency.count() == 0 || minimum.value().doubleValue() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double min = minimum.value().doubleValue();
            String shown = "min " + min + ", mean " + latency.mean() + ", max " + latency.max() + ", count "
                    + latency.count() + ", the client saw " + seenByClientMs + " ms";
            assertTrue(0 < min && min <= seenByClientMs, "the minimum is the later gateway's request: " + shown);
            assertEquals(1, latency.count(), "the summary counts the later gateway's request only: " + shown);
            assertTrue(min <= latency.mean() && latency.mean() <= latency.max(), shown);
        } finally {
            later.stop();
        }
    }

    private static WebServer server(RequestLogFilter filter, Duration answerAfter) {
        return WebServer.builder()
                .port(0)
                .routing(routing -> routing.addFilter(filter).get("/", (req, res) -> {
                    Thread.sleep(answerAfter);
                    res.send("ok");
                }))
                .build()
                .start();
    }

    private static void send(WebServer server) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
