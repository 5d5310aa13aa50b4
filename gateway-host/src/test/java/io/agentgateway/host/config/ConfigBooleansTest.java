package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.security.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A switch written off is off: an explicit false must never read as true, whatever the default. */
class ConfigBooleansTest {

    @TempDir
    Path dir;

    @Test
    void everySpellingOfFalseIsFalseEvenWhereTheDefaultIsTrue() {
        for (Object value : new Object[] {Boolean.FALSE, "false", "FALSE", "no", "off", " Off ", "0", ""}) {
            assertFalse(ConfigValues.bool(value, true), "'" + value + "'");
        }
    }

    @Test
    void everySpellingOfTrueIsTrueEvenWhereTheDefaultIsFalse() {
        for (Object value : new Object[] {Boolean.TRUE, "true", "True", "yes", "on", "1"}) {
            assertTrue(ConfigValues.bool(value, false), "'" + value + "'");
        }
    }

    @Test
    void anAbsentValueTakesTheDefault() {
        assertTrue(ConfigValues.bool(null, true));
        assertFalse(ConfigValues.bool(null, false));
    }

    @Test
    void aKeyWithAdminFalseIsNoAdmin() throws Exception {
        Path file = dir.resolve("security.yaml");
        Files.writeString(file, """
                version: 1
                api_keys:
                  - {id: plain-false, key: k1, admin: false}
                  - {id: word-no, key: k2, admin: no}
                  - {id: quoted-off, key: k3, admin: "off"}
                  - {id: unset, key: k4}
                  - {id: admin, key: k5, admin: true}
                  - {id: word-yes, key: k6, admin: "yes"}
                """);
        SecurityConfig config = SecurityConfig.parse(YamlFiles.load(file, name -> null), null, "security.yaml");
        Map<String, Boolean> admin = config.keys().stream().collect(Collectors.toMap(ApiKey::id, ApiKey::admin));
        assertEquals(Map.of("plain-false", false, "word-no", false, "quoted-off", false, "unset", false,
                "admin", true, "word-yes", true), admin);
    }

    @Test
    void apiDocsFalseTurnsTheDocsOff() {
        Function<String, String> off = Map.of("GATEWAY_API_DOCS", "false")::get;
        assertFalse(GatewaySettings.fromEnvironment(off).apiDocs());
        assertTrue(GatewaySettings.fromEnvironment(name -> null).apiDocs());
    }
}
