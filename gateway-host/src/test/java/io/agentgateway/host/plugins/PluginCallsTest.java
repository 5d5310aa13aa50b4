package io.agentgateway.host.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.openai.GatewayException;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client and an operator see when plugin code fails while serving: a 502 naming the plugin (not what it said),
 * the failure logged, counted and kept for {@code GET /plugins}; and a 503 to retry when the version was unloaded.
 */
class PluginCallsTest {

    private final CapturedEvents events = new CapturedEvents();

    @AfterEach
    void stopCapturing() {
        events.close();
    }

    @Test
    void whatAPluginThrowsWhileServingIsA502NamingItAndIsLoggedCountedAndKept() throws Exception {
        try (PluginClassLoader loader = loader("calls-flaky")) {
            GatewayException first = assertThrows(GatewayException.class, () -> PluginCalls.serve(loader, "stream",
                    () -> {
                        throw new IllegalStateException("token sk-123 rejected");
                    }));
            assertEquals(502, first.status());
            assertEquals("plugin_error", first.code());
            assertTrue(first.getMessage().startsWith("The plugin 'calls-flaky' failed (IllegalStateException)"),
                    first.getMessage());
            assertFalse(first.getMessage().contains("sk-123"), "what the plugin said stays in the log");

            PluginErrors.LastError kept = PluginErrors.last("calls-flaky").orElseThrow();
            assertEquals("stream", kept.where());
            assertTrue(kept.cause().contains("token sk-123 rejected"), kept.cause());
            assertEquals(1, kept.count());
            Map<String, Object> logged = events.named("agent.plugin.error").getLast();
            assertEquals("calls-flaky", logged.get("plugin_id"));
            assertEquals("stream", logged.get("call"));

            // Errors too: a class missing from the plugin's jar must not take the request thread's handler down.
            assertThrows(GatewayException.class, () -> PluginCalls.serveRun(loader, "tool lookup", () -> {
                throw new NoClassDefFoundError("demo/Gone");
            }));
            kept = PluginErrors.last("calls-flaky").orElseThrow();
            assertEquals("tool lookup", kept.where());
            assertEquals(2, kept.count());
            assertEquals(2.0, errorsCounted("calls-flaky"));
        }
    }

    @Test
    void aCallThatReachesAnUnloadedVersionIsA503ToRetryAndRunsNoPluginCode() throws Exception {
        try (PluginClassLoader loader = loader("calls-gone")) {
            loader.inFlight().close(Duration.ZERO);
            AtomicBoolean ran = new AtomicBoolean();
            GatewayException refused = assertThrows(GatewayException.class,
                    () -> PluginCalls.serve(loader, "complete", () -> ran.getAndSet(true)));
            assertEquals(503, refused.status());
            assertEquals(PluginCalls.UNLOADED, refused.code());
            assertTrue(refused.getMessage().contains("'calls-gone' was unloaded"), refused.getMessage());
            assertFalse(ran.get());
            assertTrue(PluginErrors.last("calls-gone").isEmpty(), "not the plugin's failure");
        }
    }

    @Test
    void settingUpPassesAPluginsRefusalOnButContainsItsErrors() throws Exception {
        try (PluginClassLoader loader = loader("calls-setup")) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> PluginCalls.setUp(loader, "open upstream", () -> {
                        throw new IllegalArgumentException("base_url is required");
                    }));
            assertEquals("base_url is required", refusal.getMessage(), "the operator's mistake, as the plugin said");

            GatewayException contained = assertThrows(GatewayException.class,
                    () -> PluginCalls.setUp(loader, "open upstream", () -> {
                        throw new LinkageError("demo/Client");
                    }));
            assertEquals("plugin_error", contained.code());
            assertEquals("open upstream", PluginErrors.last("calls-setup").orElseThrow().where());
        }
        // The host's own code is not a plugin: its errors are not put down to one.
        LinkageError host = new LinkageError("host");
        assertSame(host, assertThrows(LinkageError.class, () -> PluginCalls.setUp(
                PluginCallsTest.class.getClassLoader(), "open upstream", () -> {
                    throw host;
                })));
    }

    private PluginClassLoader loader(String pluginId) {
        return new PluginClassLoader(pluginId, new URL[0], getClass().getClassLoader());
    }

    private static double errorsCounted(String pluginId) {
        return Services.get(MeterRegistry.class).getOrCreate(Counter.builder(PluginErrors.METRIC)
                .tags(List.of(Tag.create("plugin", pluginId)))).count();
    }
}
