package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.host.config.TargetChecks;
import io.agentgateway.host.config.UpstreamEntry;
import io.agentgateway.host.upstreams.UpstreamRegistry;
import io.agentgateway.httpclient.ClientLimits;
import io.agentgateway.httpclient.HttpClients;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Active checks of health_path mark an upstream's targets unavailable, and available again, as it answers. */
class HealthChecksTest {

    @Test
    void anUpstreamWhoseHealthPathFailsIsSkippedUntilItPassesAgain() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        TargetChecks checks = new TargetChecks("/health", Duration.ofSeconds(1), Duration.ofMillis(50), 10, 50,
                Duration.ofSeconds(10));
        UpstreamEntry entry = new UpstreamEntry("openai-compatible", 100, 0, new UpstreamSettings("local",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", null, Duration.ofSeconds(1), List.of(),
                Map.of()), checks);
        Routes routes = new Routes(new UpstreamRegistry(), List.of(entry), List.of(), Duration.ofMillis(1),
                new SplittableRandom(1));
        TargetState target = routes.single("local", "m").route().targets().getFirst();
        HttpClients clients = new HttpClients(Services.get(MeterRegistry.class), name -> null, ClientLimits.DEFAULTS);
        try (HealthChecks ignored = new HealthChecks(routes, List.of(entry), clients::forUpstream)) {
            awaitAvailable(target, false);
            Map<String, Object> shown = routes.describe("local", true);
            assertEquals(false, shown.get("healthy"));
            assertTrue(String.valueOf(shown.get("last_error")).contains("503"), shown.toString());

            status.set(200);
            awaitAvailable(target, true);
            assertEquals(true, routes.describe("local", true).get("healthy"));
        } finally {
            server.stop(0);
        }
    }

    private static void awaitAvailable(TargetState target, boolean available) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (target.available() != available && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(available, target.available());
    }
}
