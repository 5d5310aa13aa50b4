package io.agentgateway.host.plugins;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.util.List;

/** {@code agent_gateway_dropin_failures_total{kind}} in the gateway's meter registry, kind being the plugin state. */
final class DropinFailureMetric {

    static final String NAME = "agent_gateway_dropin_failures";

    private DropinFailureMetric() {
    }

    static void increment(PluginState state) {
        MeterRegistry registry = Services.get(MeterRegistry.class);
        registry.getOrCreate(Counter.builder(NAME).description("Plugins found but not started, by kind")
                        .tags(List.of(Tag.create("kind", state.label()))))
                .increment();
    }
}
