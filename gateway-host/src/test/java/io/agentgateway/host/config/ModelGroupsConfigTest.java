package io.agentgateway.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.api.upstream.UpstreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** upstreams.yaml's groups: defaults, and mistakes refused at start with what to fix. */
class ModelGroupsConfigTest {

    private static final List<UpstreamEntry> UPSTREAMS = List.of(entry("openai", 1), entry("ollama", 5));

    @Test
    void targetsTakeTheirUpstreamsPriorityAndAWeightOfOneUnlessGiven() {
        ModelGroup group = parse(Map.of("name", "smart", "targets", List.of(
                Map.of("upstream", "openai", "model", "gpt-4o", "weight", 3),
                Map.of("upstream", "ollama", "model", "llama3.2")), "fallbacks", List.of("ollama/qwen"))).getFirst();
        assertEquals(ModelGroup.Strategy.WEIGHTED, group.strategy());
        assertEquals(new ModelGroup.Target("openai", "gpt-4o", 3, 1), group.targets().get(0));
        assertEquals(new ModelGroup.Target("ollama", "llama3.2", 1, 5), group.targets().get(1));
        assertEquals(List.of("ollama/qwen"), group.fallbacks());
    }

    @Test
    void mistakesNameTheGroupAndTheKeyToFix() {
        assertRefused("not configured", Map.of("name", "smart", "targets",
                List.of(Map.of("upstream", "nowhere", "model", "m"))));
        assertRefused("'strategy'", Map.of("name", "smart", "strategy", "fastest", "targets",
                List.of(Map.of("upstream", "openai", "model", "m"))));
        assertRefused("'weight'", Map.of("name", "smart", "targets",
                List.of(Map.of("upstream", "openai", "model", "m", "weight", 0))));
        assertRefused("'targets'", Map.of("name", "smart"));
        assertRefused("fallback 'cheap'", Map.of("name", "smart", "fallbacks", List.of("cheap"), "targets",
                List.of(Map.of("upstream", "openai", "model", "m"))));
        assertRefused("upstream's prefix", Map.of("name", "openai/smart", "targets",
                List.of(Map.of("upstream", "openai", "model", "m"))));
    }

    private static void assertRefused(String part, Map<String, Object> group) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(group));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().contains("groups["), e.getMessage());
    }

    private static List<ModelGroup> parse(Map<String, Object> group) {
        return ModelGroupsConfig.parse(Map.of("groups", List.of(group)), UPSTREAMS, "upstreams.yaml");
    }

    private static UpstreamEntry entry(String name, int priority) {
        return new UpstreamEntry("openai-compatible", priority, 1,
                new UpstreamSettings(name, "http://localhost/v1", null, Duration.ofSeconds(5), List.of(), Map.of()));
    }
}
