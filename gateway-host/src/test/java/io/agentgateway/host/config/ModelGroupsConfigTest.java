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
        assertEquals("openai/gpt-4o", group.targets().get(0).id(), "how logs, headers and metrics name a target");
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

    @Test
    void attemptsAreAWholeNumberFromOneToTwentyAndDefaultToZero() {
        List<Map<String, Object>> targets = List.of(Map.of("upstream", "openai", "model", "m"));
        assertEquals(0, parse(Map.of("name", "g", "targets", targets)).getFirst().attempts(), "0: the default");
        assertEquals(1, parse(Map.of("name", "g", "targets", targets, "attempts", 1)).getFirst().attempts());
        assertEquals(20, parse(Map.of("name", "g", "targets", targets, "attempts", 20)).getFirst().attempts());
        for (Object wrong : List.of(0, 21, 2.5)) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> parse(Map.of("name", "g", "targets", targets, "attempts", wrong)));
            assertEquals("upstreams.yaml groups[g]: 'attempts' must be a whole number from 1 to 20", e.getMessage());
        }
    }

    @Test
    void aFallbackIsAnotherGroupOrAWholeUpstreamModelId() {
        List<Map<String, Object>> targets = List.of(Map.of("upstream", "openai", "model", "m"));
        List<ModelGroup> groups = ModelGroupsConfig.parse(Map.of("groups", List.of(
                Map.of("name", "smart", "targets", targets, "fallbacks", List.of("cheap", "openai/gpt-4o-mini")),
                Map.of("name", "cheap", "targets", targets))), UPSTREAMS, "upstreams.yaml");
        assertEquals(List.of("cheap", "openai/gpt-4o-mini"), groups.getFirst().fallbacks());
        for (String wrong : List.of("openai/", "/gpt-4o", "nowhere/m", "smart")) {
            ConfigException e = assertThrows(ConfigException.class, () -> parse(Map.of("name", "smart", "targets",
                    targets, "fallbacks", List.of(wrong))), wrong);
            assertEquals("upstreams.yaml groups[smart]: fallback '" + wrong + "' is neither another group nor"
                    + " <upstream>/<model> of a configured upstream", e.getMessage());
        }
    }

    @Test
    void strategiesHaveTheirUsualNamesAndATargetMayTakeItsOwnPriority() {
        List<Map<String, Object>> targets = List.of(Map.of("upstream", "ollama", "model", "m", "priority", 2));
        assertEquals(ModelGroup.Strategy.LEAST_BUSY,
                parse(Map.of("name", "g", "strategy", "Least-Busy", "targets", targets)).getFirst().strategy());
        assertEquals(ModelGroup.Strategy.LOWEST_LATENCY,
                parse(Map.of("name", "g", "strategy", "latency", "targets", targets)).getFirst().strategy());
        assertEquals(ModelGroup.Strategy.WEIGHTED,
                parse(Map.of("name", "g", "strategy", " random ", "targets", targets)).getFirst().strategy());
        assertEquals(new ModelGroup.Target("ollama", "m", 1, 2),
                parse(Map.of("name", "g", "targets", targets)).getFirst().targets().getFirst());
        ConfigException twice = assertThrows(ConfigException.class, () -> ModelGroupsConfig.parse(Map.of("groups",
                List.of(Map.of("name", "g", "targets", targets), Map.of("name", "g", "targets", targets))),
                UPSTREAMS, "upstreams.yaml"));
        assertEquals("upstreams.yaml groups[g]: the name is used twice", twice.getMessage());
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
