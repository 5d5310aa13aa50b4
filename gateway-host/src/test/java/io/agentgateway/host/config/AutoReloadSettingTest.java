package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** GATEWAY_AGENT_AUTO_RELOAD takes the spellings its users know, is off unless set, and stops a start it cannot read. */
class AutoReloadSettingTest {

    @Test
    void offUnlessSet() {
        assertFalse(settings(Map.of()).autoReload());
        assertFalse(settings(Map.of("GATEWAY_AGENT_AUTO_RELOAD", " ")).autoReload());
    }

    @Test
    void everySpellingOfOnAndOff() {
        for (String on : new String[] {"1", "true", "TRUE", "yes", "on", " Yes "}) {
            assertTrue(settings(Map.of("GATEWAY_AGENT_AUTO_RELOAD", on)).autoReload(), on);
        }
        for (String off : new String[] {"0", "false", "no", "off", "OFF"}) {
            assertFalse(settings(Map.of("GATEWAY_AGENT_AUTO_RELOAD", off)).autoReload(), off);
        }
    }

    @Test
    void aValueItCannotReadStopsTheStartNamingTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> settings(Map.of("GATEWAY_AGENT_AUTO_RELOAD", "sometimes")).autoReload());
        assertTrue(e.getMessage().contains("GATEWAY_AGENT_AUTO_RELOAD") && e.getMessage().contains("'sometimes'"),
                e.getMessage());
    }

    private static GatewaySettings settings(Map<String, String> env) {
        return GatewaySettings.fromEnvironment(env::get);
    }
}
