package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys that could never be presented are refused at load; the shipped key and auth: none stay on loopback. */
class KeyExposureTest {

    @Test
    void keysThatCannotTravelInAHeaderAreRefusedWithoutBeingQuoted() {
        for (String key : List.of("sk-ключ", "two words", "tab\there", "sk-\u00e9t\u00e9")) {
            ConfigException error = assertThrows(ConfigException.class, () -> SecurityConfig.parse(
                    Map.of("api_keys", List.of(Map.of("id", "ops", "key", key))), null, "security.yaml"));
            assertTrue(error.getMessage().contains("security.yaml api_keys[ops]: 'key' must be printable ASCII"),
                    error.getMessage());
            assertFalse(error.getMessage().contains(key), "the message never repeats the key");
        }
        ConfigException fromEnv = assertThrows(ConfigException.class,
                () -> SecurityConfig.parse(Map.of(), "sk-ключ", "security.yaml"));
        assertTrue(fromEnv.getMessage().startsWith("GATEWAY_API_KEY must be printable ASCII"), fromEnv.getMessage());
    }

    @Test
    void everyPrintableAsciiCharacterMayBeInAKeyAndTheFirstOtherIsNamedByPosition() {
        String widest = "!~" + "sk-0123456789_ABCxyz";
        SecurityConfig config = SecurityConfig.parse(
                Map.of("api_keys", List.of(Map.of("id", "ops", "key", " " + widest + " "))), null, "security.yaml");
        assertTrue(new ApiKeyStore(config.keys()).find(widest).isPresent(), "surrounding spaces are trimmed");
        for (String key : List.of("ab\u007fc", "ab c", "ab\u0000c")) {
            ConfigException error = assertThrows(ConfigException.class, () -> SecurityConfig.parse(
                    Map.of("api_keys", List.of(Map.of("id", "ops", "key", key))), null, "security.yaml"));
            assertTrue(error.getMessage().endsWith("(character 3 is not)"), error.getMessage());
        }
    }

    @Test
    void theShippedKeyAndAuthNoneServeLoopbackOnly() {
        SecurityConfig shipped = SecurityConfig.parse(
                Map.of("api_keys", List.of(Map.of("id", "dev", "key", "dev-secret"))), null, "s");
        SecurityConfig own = SecurityConfig.parse(
                Map.of("api_keys", List.of(Map.of("id", "dev", "key", "a-long-secret-of-mine"))), null, "s");
        SecurityConfig open = SecurityConfig.parse(Map.of("auth", "none"), null, "s");
        for (String loopback : List.of("127.0.0.1", "localhost", "::1", "127.0.0.2")) {
            assertDoesNotThrow(() -> NetworkExposure.check(loopback, shipped, "s"));
            assertDoesNotThrow(() -> NetworkExposure.check(loopback, open, "s"));
        }
        for (String network : List.of("0.0.0.0", "::", "10.1.2.3", "no-such-host.invalid")) {
            assertThrows(ConfigException.class, () -> NetworkExposure.check(network, shipped, "s"), network);
            assertThrows(ConfigException.class, () -> NetworkExposure.check(network, open, "s"), network);
            assertDoesNotThrow(() -> NetworkExposure.check(network, own, "s"));
        }
    }
}
