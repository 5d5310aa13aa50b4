package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings read on demand (data, plugins, metrics, prices, shutdown): defaults, values, and refusals. */
class GatewaySettingsTest {

    private static GatewaySettings settings(Map<String, String> env) {
        return GatewaySettings.fromEnvironment(env::get);
    }

    @Test
    void unsetOrBlankGivesTheDefaults() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of(
                "GATEWAY_DATA_DIR", " ", "GATEWAY_PLUGINS_WATCH", "", "GATEWAY_PLUGINS_DRAIN_SECONDS", " ",
                "GATEWAY_METRICS_KEY", "  ", "GATEWAY_METRICS_PORT", " ", "GATEWAY_PRICES_CONFIG", "",
                "GATEWAY_API_DOCS", " "))) {
            GatewaySettings settings = settings(env);
            assertEquals(Path.of("data"), settings.dataDir());
            assertTrue(settings.pluginsWatch());
            assertEquals(Duration.ofSeconds(300), settings.pluginsDrain());
            assertNull(settings.metricsKey(), "no metrics key unless one is set");
            assertEquals(-1, settings.metricsPort(), "no metrics port unless one is set");
            assertEquals(Path.of("config/prices.yaml"), settings.pricesConfig());
            assertTrue(settings.apiDocs());
        }
    }

    @Test
    void setValuesAreTaken() {
        GatewaySettings settings = settings(Map.of(
                "GATEWAY_DATA_DIR", "/var/lib/gw", "GATEWAY_PLUGINS_WATCH", "False",
                "GATEWAY_PLUGINS_DRAIN_SECONDS", "0", "GATEWAY_METRICS_KEY", " scrape-key ",
                "GATEWAY_METRICS_PORT", "0", "GATEWAY_PRICES_CONFIG", "/etc/gw/prices.yaml",
                "GATEWAY_API_DOCS", "false", "GATEWAY_HOST", "0.0.0.0"));
        assertEquals(Path.of("/var/lib/gw"), settings.dataDir());
        assertFalse(settings.pluginsWatch());
        assertEquals(Duration.ZERO, settings.pluginsDrain(), "0 unloads a replaced plugin at once");
        assertEquals("scrape-key", settings.metricsKey());
        assertEquals(0, settings.metricsPort(), "0 picks a free port");
        assertEquals(Path.of("/etc/gw/prices.yaml"), settings.pricesConfig());
        assertFalse(settings.apiDocs());
        assertEquals("0.0.0.0", settings.host());
        assertEquals(9443, settings(Map.of("GATEWAY_METRICS_PORT", " 9443 ")).metricsPort());
    }

    @Test
    void wrongValuesNameTheVariable() {
        assertEquals("GATEWAY_PLUGINS_DRAIN_SECONDS must be 0 or more, not -1", assertThrows(ConfigException.class,
                () -> settings(Map.of("GATEWAY_PLUGINS_DRAIN_SECONDS", "-1")).pluginsDrain()).getMessage());
        assertEquals("GATEWAY_PLUGINS_WATCH must be true or false, not 'yes'", assertThrows(ConfigException.class,
                () -> settings(Map.of("GATEWAY_PLUGINS_WATCH", "yes")).pluginsWatch()).getMessage());
        assertEquals("GATEWAY_METRICS_PORT must be a whole number, not 'http'", assertThrows(ConfigException.class,
                () -> settings(Map.of("GATEWAY_METRICS_PORT", "http")).metricsPort()).getMessage());
    }

    @Test
    void responsesAreKeptThirtyDaysUnlessSetAndAtLeastADay() {
        assertEquals(Duration.ofDays(30), settings(Map.of()).responsesRetention());
        assertEquals(Duration.ofDays(1), settings(Map.of("GATEWAY_RESPONSES_RETENTION_DAYS", "1"))
                .responsesRetention());
        assertEquals("GATEWAY_RESPONSES_RETENTION_DAYS must be 1 or more, not 0", assertThrows(ConfigException.class,
                () -> settings(Map.of("GATEWAY_RESPONSES_RETENTION_DAYS", "0")).responsesRetention()).getMessage());
    }

    @Test
    void corsOriginsAreTrimmedDeduplicatedAndLoseATrailingSlash() {
        assertEquals(List.of("https://a.test", "http://b.test:8080"), settings(Map.of("GATEWAY_CORS_ORIGINS",
                " https://a.test/ ,, http://b.test:8080 ,https://a.test")).corsOrigins());
        assertEquals(List.of(), settings(Map.of("GATEWAY_CORS_ORIGINS", " , ")).corsOrigins());
    }

    @Test
    void theShutdownGraceIsSecondsFromZeroToAnHour() {
        assertEquals(Duration.ofSeconds(30), ShutdownGrace.fromEnvironment(name -> null));
        assertEquals(Duration.ofSeconds(30), ShutdownGrace.fromEnvironment(name -> " "));
        assertEquals(Duration.ZERO, ShutdownGrace.fromEnvironment(name -> "0"));
        assertEquals(Duration.ofMillis(1500), ShutdownGrace.fromEnvironment(name -> " 1.5 "));
        assertEquals(Duration.ofHours(1), ShutdownGrace.fromEnvironment(name -> "3600"));
        for (String wrong : List.of("-0.5", "3600.5", "soon")) {
            assertEquals("GATEWAY_SHUTDOWN_GRACE must be a number of seconds from 0 to 3600, not '" + wrong + "'",
                    assertThrows(ConfigException.class, () -> ShutdownGrace.fromEnvironment(name -> wrong))
                            .getMessage());
        }
    }
}
