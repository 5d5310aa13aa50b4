package io.agentgateway.host.plugins;

import io.agentgateway.host.observe.EventLog;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.util.List;

/**
 * {@code agent_gateway_dropin_failures_total{kind}} in the gateway's meter registry (the one the metrics endpoint
 * shows), {@code kind} being the {@link PluginState#label()} of a plugin that did not start.
 */
final class DropinFailureMetric {

    static final String NAME = "agent_gateway_dropin_failures_total";

    private DropinFailureMetric() {
    }

    static void increment(PluginState state) {
        try {
            MeterRegistry registry = Services.get(MeterRegistry.class);
            registry.getOrCreate(Counter.builder(NAME)
                            .description("Plugins found in the plugins folder that did not start, by kind")
                            .tags(List.of(Tag.create("kind", state.label()))))
                    .increment();
        } catch (RuntimeException e) {
            // Counting is secondary: the plugin's failure itself is already logged.
            EventLog.warn("metrics.unavailable", "metric", NAME, "cause", Causes.describe(e));
        }
    }
}
