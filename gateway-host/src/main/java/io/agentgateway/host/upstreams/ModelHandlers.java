package io.agentgateway.host.upstreams;

import io.agentgateway.host.models.ModelHandler;

/** Makes what answers one upstream's model; routing provides it, above this package. */
@FunctionalInterface
public interface ModelHandlers {

    /** @return the handler for {@code <upstream>/<model>} */
    ModelHandler of(String upstream, String model);
}
