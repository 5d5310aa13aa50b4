package io.agentgateway.host.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.config.ConfigException;
import io.agentgateway.host.security.ToolAccessRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A mistake in tools.yaml or in the tool rules of security.yaml is refused with a message naming file and key. */
class ToolsConfigErrorsTest {

    private static void assertRefused(Executable parse, String... named) {
        String message = assertThrows(ConfigException.class, parse).getMessage();
        for (String name : named) {
            assertTrue(message.contains(name), "'" + message + "' does not name " + name);
        }
    }

    @Test
    void toolsYamlMistakesNameFileAndKey() {
        assertRefused(() -> ToolsConfig.parse(Map.of("defaults", List.of())), "tools.yaml", "defaults");
        assertRefused(() -> ToolsConfig.parse(Map.of("tools", Map.of())), "tools.yaml", "tools");
        assertRefused(() -> ToolsConfig.parse(Map.of("tools", List.of("http_echo"))), "tools.yaml", "tools");
        assertRefused(() -> ToolsConfig.parse(Map.of("tools", List.of(Map.of("url", "http://x")))),
                "tools.yaml", "name");
        assertRefused(() -> ToolsConfig.parse(Map.of("tools", List.of(Map.of("name", "t", "url", "http://x",
                "schema", "object")))), "tools.yaml", "'t'", "schema");
        assertRefused(() -> ToolsConfig.parse(Map.of("tools", List.of(Map.of("name", "t", "url", "http://x",
                "headers", List.of("a"))))), "tools.yaml", "'t'", "headers");
        assertRefused(() -> ToolsConfig.parse(Map.of("mcp_servers", List.of(Map.of("name", "s", "command", "npx",
                "args", "-y server")))), "tools.yaml", "'s'", "args");
        assertRefused(() -> ToolsConfig.parse(Map.of("limits", Map.of("t", 5))), "tools.yaml", "limits", "t");
    }

    @Test
    void toolsYamlValuesAreReadAsBefore() {
        ToolsConfig config = ToolsConfig.parse(Map.of(
                "defaults", Map.of("log_arguments", "yes", "max_result_chars", 50),
                "tools", List.of(Map.of("name", "t", "url", "http://x", "description", " ", "allow_link_local", "on",
                        "headers", Map.of("n", 1))),
                "mcp_servers", List.of(Map.of("name", "s", "url", "http://y", "include", List.of("a*"))),
                "limits", Map.of("t", Map.of("max_result_chars", 9))));
        assertTrue(config.defaults().logArguments());
        ToolsConfig.HttpToolSpec tool = config.httpTools().get(0);
        assertEquals(null, tool.description(), "a blank description counts as none");
        assertTrue(tool.allowLinkLocal());
        assertEquals(Map.of("n", "1"), tool.headers());
        assertEquals(List.of("a*"), config.mcpServers().get(0).include());
        assertEquals(List.of("*"), ToolsConfig.parse(Map.of("mcp_servers", List.of(Map.of("name", "s",
                "url", "http://y")))).mcpServers().get(0).include());
        assertEquals(9, config.maxResultCharsFor("t"));
        assertEquals(50, config.maxResultCharsFor("other"));
    }

    @Test
    void securityYamlToolRuleMistakesNameFileAndKey() {
        assertRefused(() -> ToolAccessRules.fromSecurityYaml(Map.of("default", List.of())), "security.yaml",
                "default");
        assertRefused(() -> ToolAccessRules.fromSecurityYaml(Map.of("default", Map.of("tools_denylist", "x"))),
                "security.yaml", "tools_denylist");
        assertRefused(() -> ToolAccessRules.fromSecurityYaml(Map.of("api_keys", List.of(Map.of("id", "dev",
                "tools_allowlist", List.of(1))))), "security.yaml", "dev", "tools_allowlist");
        assertRefused(() -> ToolAccessRules.fromSecurityYaml(Map.of("agent_tools", List.of(Map.of("allow",
                List.of("a"))))), "security.yaml", "agent");
        assertRefused(() -> ToolAccessRules.fromSecurityYaml(Map.of("agent_tools", List.of(Map.of("agent", "a/b",
                "deny", Map.of())))), "security.yaml", "deny");
    }
}
