package io.agentgateway.host.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agentgateway.host.config.TargetChecks;
import io.agentgateway.host.upstreams.MeteredModels;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetMetricsTest {

    /** The meter registry is the JVM's: a gateway started after another one there still shows its own targets. */
    @Test
    void aLaterGatewaysTargetGaugesReadItsOwnTargets() {
        MeterRegistry shared = Services.get(MeterRegistry.class);
        MeteredModels models = new MeteredModels();
        models.add("gauge-up", List.of("gauge-model"));

        TargetState earlier = target();
        earlier.started();
        earlier.started();
        new TargetMetrics(shared, models).register(earlier);
        assertEquals(2, inFlight(shared));

        TargetState later = target();
        later.started();
        new TargetMetrics(shared, models).register(later);
        assertEquals(1, inFlight(shared), "the later gateway's one call in flight, not the earlier one's two");
    }

    private static TargetState target() {
        return new TargetState("gauge-up", "gauge-model", new UpstreamHealth(), TargetChecks.DEFAULTS);
    }

    private static double inFlight(MeterRegistry meters) {
        return meters.meter(Gauge.class, "agent_gateway_upstream_in_flight",
                        List.of(Tag.create("upstream", "gauge-up"), Tag.create("model", "gauge-model")))
                .orElseThrow().value().doubleValue();
    }
}
