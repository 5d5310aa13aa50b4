package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.config.ConfigFile;
import io.agentgateway.host.config.ConfigFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * security.yaml's {@code default.namespace_defaults}, in the shape users of the Python project already write: a key
 * in a namespace gets that namespace's rules unless it sets its own, and a namespace nobody defined is refused.
 */
class NamespaceDefaultsTest {

    @TempDir
    Path dir;

    private SecurityConfig read(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("security.yaml"), yaml);
        return SecurityConfig.parse(ConfigFiles.read(ConfigFile.SECURITY, file, name -> null), null, "security.yaml");
    }

    private static final String FILE = """
            default:
              allow_agents: ["*"]
              rate_limit: {per_minute: 600}
              namespace_defaults:
                labs: {allow_agents: ["labs/*"], rate_limit: {per_minute: 30}}
            api_keys:
              - {id: researcher, key: k-researcher, namespace: labs}
              - {id: lead, key: k-lead, namespace: labs, allow_agents: ["labs/*", "default/*"]}
              - {id: ops, key: k-ops}
            """;

    @Test
    void aKeyInANamespaceTakesItsRulesUnlessItSetsItsOwn() throws IOException {
        Map<String, ApiKey> keys = new java.util.HashMap<>();
        read(FILE).keys().forEach(key -> keys.put(key.id(), key));

        assertTrue(keys.get("researcher").mayUse("labs/probe"));
        assertFalse(keys.get("researcher").mayUse("default/assistant"), "the namespace narrows the default '*'");
        assertEquals(30, keys.get("researcher").ratePerMinute());
        assertTrue(keys.get("lead").mayUse("default/assistant"), "a key's own allow_agents wins");
        assertEquals(30, keys.get("lead").ratePerMinute());
        assertTrue(keys.get("ops").mayUse("default/assistant"));
        assertEquals(600, keys.get("ops").ratePerMinute());
    }

    @Test
    void aNamespaceWithoutDefaultsIsRefusedNotWidened() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> read(FILE.replace("namespace: labs}", "namespace: lab}")));

        assertTrue(error.getMessage().contains("namespace 'lab' has no entry under default.namespace_defaults"),
                error.getMessage());
    }

    @Test
    void aNamespaceEntryTakesOnlyTheRulesItCanApply() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> read(FILE.replace("allow_agents: [\"labs/*\"], rate", "allow_agent: [\"labs/*\"], rate")));

        assertTrue(error.getMessage().contains("allow_agent"), error.getMessage());
    }
}
