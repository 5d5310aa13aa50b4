package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The settings read from environment variables: their defaults, and what a wrong value is told. */
class EnvironmentSettingsTest {

    private static final Function<String, String> NONE = name -> null;

    @Test
    void defaultsServeThisMachineFromTheCheckout() {
        GatewaySettings settings = GatewaySettings.fromEnvironment(NONE);
        assertEquals(8000, settings.port());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(Path.of("config/upstreams.yaml"), settings.upstreamConfig());
        assertEquals(Path.of("config/security.yaml"), settings.securityConfig());
        assertEquals(Path.of("config/agents.yaml"), settings.agentConfig());
        assertEquals(Path.of("config/tools.yaml"), settings.toolConfig());
        assertEquals(Path.of("plugins-dist"), settings.pluginsDir());
        assertEquals(10 * 1024 * 1024, settings.maxBodyBytes());
        assertEquals(List.of(), settings.corsOrigins());
    }

    @Test
    void variablesOverrideTheDefaultsAndBlankOnesDoNot() {
        GatewaySettings settings = GatewaySettings.fromEnvironment(Map.of(
                "GATEWAY_PORT", " 9000 ", "GATEWAY_HOST", " ", "GATEWAY_SECURITY_CONFIG", "/etc/gw/security.yaml",
                "GATEWAY_MAX_BODY_BYTES", "2048",
                "GATEWAY_CORS_ORIGINS", "http://a.test/, http://b.test,,http://a.test")::get);
        assertEquals(9000, settings.port());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(Path.of("/etc/gw/security.yaml"), settings.securityConfig());
        assertEquals(2048, settings.maxBodyBytes());
        assertEquals(List.of("http://a.test", "http://b.test"), settings.corsOrigins());
    }

    @Test
    void aWrongNumberOrSwitchNamesTheVariable() {
        ConfigException port = assertThrows(ConfigException.class,
                () -> GatewaySettings.fromEnvironment(Map.of("GATEWAY_PORT", "80a")::get));
        assertEquals("GATEWAY_PORT must be a whole number, not '80a'", port.getMessage());
        ConfigException docs = assertThrows(ConfigException.class,
                () -> GatewaySettings.fromEnvironment(Map.of("GATEWAY_API_DOCS", "maybe")::get));
        assertEquals("GATEWAY_API_DOCS must be true or false, not 'maybe'", docs.getMessage());
        assertTrue(GatewaySettings.fromEnvironment(Map.of("GATEWAY_API_DOCS", " TRUE ")::get).apiDocs());
    }

    @Test
    void theEdgesDefaultsServeRealClients() {
        HttpEdgeLimits limits = HttpEdgeLimits.fromEnvironment(NONE);
        assertEquals(Duration.ofSeconds(30), limits.headerTimeout());
        assertEquals(Duration.ofSeconds(30), limits.bodyTimeout());
        assertEquals(Duration.ofSeconds(120), limits.idleTimeout());
        assertEquals(10, limits.maxKeyFailures());
        assertEquals(Duration.ofSeconds(60), limits.keyLockout());
        assertEquals(HttpEdgeLimits.inFlightTheHeapHolds(Runtime.getRuntime().maxMemory()), limits.maxInFlight());
        assertEquals(limits, HttpEdgeLimits.DEFAULTS);
    }

    @Test
    void requestsInFlightByDefaultAreWhatTheHeapHolds() {
        long mib = 1024 * 1024;
        assertEquals(3584, HttpEdgeLimits.inFlightTheHeapHolds(512 * mib), "the shipped -Xmx512m");
        assertEquals(64, HttpEdgeLimits.inFlightTheHeapHolds(64 * mib), "never fewer than 64");
        assertEquals(86_400, HttpEdgeLimits.inFlightTheHeapHolds(1024 * 1024 * mib), "nor more than 86,400");
    }

    @Test
    void theEdgesLimitsAreReadWithinTheirRange() {
        HttpEdgeLimits limits = HttpEdgeLimits.fromEnvironment(Map.of(
                "GATEWAY_HTTP_HEADER_TIMEOUT_SECONDS", "1", "GATEWAY_HTTP_BODY_TIMEOUT_SECONDS", "86400",
                "GATEWAY_HTTP_IDLE_TIMEOUT_SECONDS", " 5 ", "GATEWAY_AUTH_MAX_FAILURES", "0",
                "GATEWAY_AUTH_LOCKOUT_SECONDS", "600", "GATEWAY_MAX_IN_FLIGHT", "2")::get);
        assertEquals(Duration.ofSeconds(1), limits.headerTimeout());
        assertEquals(Duration.ofSeconds(86_400), limits.bodyTimeout());
        assertEquals(Duration.ofSeconds(5), limits.idleTimeout());
        assertEquals(0, limits.maxKeyFailures(), "0 turns the lockout off");
        assertEquals(Duration.ofSeconds(600), limits.keyLockout());
        assertEquals(2, limits.maxInFlight());
        for (String[] wrong : new String[][] {
                {"GATEWAY_HTTP_HEADER_TIMEOUT_SECONDS", "0", "1"}, {"GATEWAY_HTTP_BODY_TIMEOUT_SECONDS", "86401", "1"},
                {"GATEWAY_AUTH_MAX_FAILURES", "-1", "0"}, {"GATEWAY_AUTH_LOCKOUT_SECONDS", "ten", "1"},
                {"GATEWAY_MAX_IN_FLIGHT", "0", "1"}}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> HttpEdgeLimits.fromEnvironment(Map.of(wrong[0], wrong[1])::get));
            assertEquals(wrong[0] + " must be a whole number from " + wrong[2] + " to 86400, not '" + wrong[1] + "'",
                    e.getMessage());
        }
    }

    @Test
    void logLevelsTakeThePythonAndTheJdkNames() {
        assertEquals(Level.FINE, RootLogLevel.parse("debug"));
        assertEquals(Level.WARNING, RootLogLevel.parse(" Warning "));
        assertEquals(Level.SEVERE, RootLogLevel.parse("CRITICAL"));
        assertEquals(Level.FINER, RootLogLevel.parse("FINER"));
        assertThrows(ConfigException.class, () -> RootLogLevel.parse("LOUD"));
        assertEquals(null, RootLogLevel.apply(NONE));
    }
}
