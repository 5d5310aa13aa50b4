package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ${VAR}} gives text: where the schema wants an integer, a number or a boolean, text that is exactly one
 * becomes it, wherever it sits (top level, in a mapping, in a list), and any other text is reported as the wrong type.
 */
class ScalarCoercionTest {

    @TempDir
    Path dir;

    @Test
    void referencesInsideListsBecomeTheIntegersAndBooleansTheSchemaWants() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), """
                api_keys:
                  - {id: a, key: k1}
                  - {id: b, key: k2, admin: "${ADMIN:-true}", rate_limit: {per_minute: "${RPM:-30}"}}
                """);
        Map<String, Object> read = ConfigFiles.read(ConfigFile.SECURITY, file, Map.of("RPM", " 12 ")::get);
        Map<?, ?> second = (Map<?, ?>) ((List<?>) read.get("api_keys")).get(1);
        assertEquals(Integer.valueOf(12), ((Map<?, ?>) second.get("rate_limit")).get("per_minute"));
        assertEquals(Boolean.TRUE, second.get("admin"));
    }

    @Test
    void anIntegerTooLargeForAnIntStaysWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), """
                api_keys:
                  - {id: b, key: k2, rate_limit: {per_minute: "${RPM}"}}
                """);
        Map<String, Object> read = ConfigFiles.read(ConfigFile.SECURITY, file, Map.of("RPM", "3000000000")::get);
        Map<?, ?> key = (Map<?, ?>) ((List<?>) read.get("api_keys")).getFirst();
        assertEquals(Long.valueOf(3_000_000_000L), ((Map<?, ?>) key.get("rate_limit")).get("per_minute"));
    }

    @Test
    void textThatIsNotExactlyTheTypeIsReportedAsTheWrongType() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), """
                api_keys:
                  - {id: b, key: k2, admin: "${ADMIN:-yes}", rate_limit: {per_minute: "${RPM:-1.5}"}}
                """);
        ConfigException error = assertThrows(ConfigException.class,
                () -> ConfigFiles.read(ConfigFile.SECURITY, file, name -> null));
        assertTrue(error.getMessage().contains("api_keys[0].admin: string found, boolean expected"),
                error.getMessage());
        assertTrue(error.getMessage().contains("api_keys[0].rate_limit.per_minute: string found, integer expected"),
                error.getMessage());
    }

    @Test
    void aDecimalWhereANumberBelongs() throws Exception {
        Path file = Files.writeString(dir.resolve("security.yaml"), """
                default:
                  rate_limit: {tokens_per_minute: "${TPM:-2.5e3}"}
                api_keys: [{id: a, key: k}]
                """);
        Map<?, ?> defaults = (Map<?, ?>) ConfigFiles.read(ConfigFile.SECURITY, file, name -> null).get("default");
        assertEquals(2500.0, ((Map<?, ?>) defaults.get("rate_limit")).get("tokens_per_minute"));
    }
}
