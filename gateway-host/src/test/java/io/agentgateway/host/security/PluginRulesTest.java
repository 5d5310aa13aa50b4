package io.agentgateway.host.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginRulesTest {

    @Test
    void theDefaultsAllowEveryPlugin() {
        assertEquals(Optional.empty(), new PluginRules(List.of("*"), List.of()).blockReason("openai-compatible"));
    }

    @Test
    void aDenyMatchWinsOverAnAllowMatch() {
        PluginRules rules = new PluginRules(List.of("openai-*"), List.of("openai-legacy"));

        assertEquals(Optional.empty(), rules.blockReason("openai-compatible"));
        assertTrue(rules.blockReason("openai-legacy").orElseThrow().contains("denylist entry 'openai-legacy'"));
    }

    @Test
    void anIdMatchingNoAllowGlobIsBlocked() {
        assertTrue(new PluginRules(List.of("tools-*"), List.of()).blockReason("agents").isPresent());
        assertTrue(new PluginRules(List.of(), List.of()).blockReason("anything").isPresent());
    }

    @Test
    void globsMatchTheWholeIdWithStarAndQuestionMarkOnly() {
        PluginRules rules = new PluginRules(List.of("a?c", "x.*"), List.of());

        assertEquals(Optional.empty(), rules.blockReason("abc"));
        assertTrue(rules.blockReason("abcd").isPresent());
        assertTrue(rules.blockReason("ac").isPresent());
        assertEquals(Optional.empty(), rules.blockReason("x.y"));
        assertTrue(rules.blockReason("xzy").isPresent(), "a dot is a dot, not any character");
    }

    @Test
    void pinsAreReadFromSecurityYamlAndABadOneNamesItsEntry() {
        String sha = "AB".repeat(32);
        java.util.Map<String, Object> yaml = java.util.Map.of("plugin_pins",
                java.util.Map.of("Text-Tools", "sha256:" + sha));
        PluginRules rules = new PluginRules(List.of("*"), List.of(), PluginRules.pins(yaml, "security.yaml"));

        assertEquals(Optional.of(sha.toLowerCase()), rules.pin("text-tools"));
        assertEquals(Optional.empty(), rules.pinMismatch("text-tools", sha.toLowerCase()));
        assertEquals(Optional.empty(), rules.pinMismatch("unpinned", "00"), "a plugin without a pin is not checked");
        assertEquals("sha256 does not match its plugin_pins entry: expected " + sha.toLowerCase() + ", actual "
                + "cd".repeat(32), rules.pinMismatch("text-tools", "cd".repeat(32)).orElseThrow());

        io.agentgateway.host.config.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                io.agentgateway.host.config.ConfigException.class,
                () -> PluginRules.pins(java.util.Map.of("plugin_pins", java.util.Map.of("demo", "abc")),
                        "security.yaml"));
        assertEquals("security.yaml plugin_pins[demo]: the pin must be the plugin file's SHA-256 in hex (64"
                + " characters, as 'sha256sum <jar>' prints it)", bad.getMessage());
    }
}
