package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.security.PluginRules;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.providers.micrometer.MicrometerPrometheusFormatter;
import io.helidon.service.registry.Services;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropinFailureMetricTest {

    @TempDir
    Path dir;

    @Test
    void aPluginThatFailsToStartIsCountedByKindInTheGatewaysRegistry() {
        plugin("boom").withService(TestPlugins.BOOM).writeJar(dir.resolve("boom.jar"));
        plugin("future").manifest("Plugin-Requires", ">=9.0.0").withService(TestPlugins.HELLO)
                .writeJar(dir.resolve("future.jar"));
        long failedBefore = count("failed");
        long incompatibleBefore = count("incompatible");

        try (PluginFolder loader = new PluginFolder(dir, new PluginRules(List.of("*"), List.of()))) {
            loader.load();
        }

        assertEquals(failedBefore + 1, count("failed"));
        assertEquals(incompatibleBefore + 1, count("incompatible"));
        String prometheus = MicrometerPrometheusFormatter.builder(registry()).build().format().orElseThrow().toString();
        assertTrue(prometheus.contains("agent_gateway_dropin_failures_total{kind=\"failed\""), prometheus);
    }

    private static long count(String kind) {
        return registry().getOrCreate(Counter.builder(DropinFailureMetric.NAME)
                .tags(List.of(Tag.create("kind", kind)))).count();
    }

    private static MeterRegistry registry() {
        return Services.get(MeterRegistry.class);
    }
}
