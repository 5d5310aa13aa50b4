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
}
