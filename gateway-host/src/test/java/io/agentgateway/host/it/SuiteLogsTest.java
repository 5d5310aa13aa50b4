package io.agentgateway.host.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets grep finds what it must: a key from a config file or the environment, in any logger's line. */
class SuiteLogsTest {

    @Test
    void aKeyInAnyLogLineIsFound(@TempDir Path configDir) throws Exception {
        Files.writeString(configDir.resolve("security.yaml"), """
                api_keys:
                  - {id: a, key: flow-style-secret}
                  - id: b
                    key: "block-style-secret"
                """);
        SuiteLogs.secretsOf(configDir, Map.of("OPENAI_API_KEY", "env-secret-value", "GATEWAY_PORT", "8000"));
        SuiteLogs.install();
        SuiteLogs.takeLeaks();
        System.getLogger("some.library").log(System.Logger.Level.WARNING, "connecting with env-secret-value");
        SuiteLogs.line("{\"event\":\"x\",\"k\":\"flow-style-secret block-style-secret\"}");
        SuiteLogs.line("nothing here but 8000");
        List<String> leaks = SuiteLogs.takeLeaks();
        assertEquals(3, leaks.size(), leaks.toString());
        assertTrue(leaks.stream().noneMatch(leak -> leak.contains("secret-value") || leak.contains("style-secret")),
                "the report itself does not repeat the key: " + leaks);
    }
}
