package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolAccessRulesTest {

    private final ToolAccessRules rules = ToolAccessRules.fromSecurityYaml(Map.of(
            "default", Map.of("local_tools_allowlist", List.of("summarize_*", "http_echo", "echo"),
                    "tools_denylist", List.of("http_admin")),
            "api_keys", List.of(
                    Map.of("id", "dev", "key", "s3cret", "tools_allowlist", List.of("*"),
                            "tools_denylist", List.of("shell_*")),
                    Map.of("id", "plain", "key", "other")),
            "agent_tools", List.of(
                    Map.of("agent", "labs/*", "allow", List.of("summarize_*")),
                    Map.of("agent", "*", "deny", List.of("echo")))));

    @Test
    void defaultAllowlistAppliesToKeysWithoutTheirOwn() {
        assertTrue(rules.check("summarize_text", "plain", null).allowed());
        assertFalse(rules.check("word_count", "plain", null).allowed());
        assertFalse(rules.check("word_count", null, null).allowed());
    }

    @Test
    void keyAllowlistReplacesTheDefaultAndDenylistsAdd() {
        assertTrue(rules.check("word_count", "dev", null).allowed());
        assertFalse(rules.check("shell_exec", "dev", null).allowed());
        assertFalse(rules.check("http_admin", "dev", null).allowed());
    }

    @Test
    void firstMatchingAgentEntryRestrictsFurther() {
        assertTrue(rules.check("summarize_text", "dev", "labs/writer").allowed());
        assertFalse(rules.check("http_echo", "dev", "labs/writer").allowed());
        assertFalse(rules.check("echo", "dev", "default/assistant").allowed());
        assertTrue(rules.check("echo", "dev", null).allowed());
    }

    @Test
    void emptySecurityConfigAllowsEverything() {
        assertTrue(ToolAccessRules.fromSecurityYaml(Map.of()).check("anything", "k", "a/b").allowed());
    }
}
