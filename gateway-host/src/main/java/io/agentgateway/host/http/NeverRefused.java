package io.agentgateway.host.http;

import java.util.Set;

/**
 * The paths answered even when the gateway refuses work, by admission control ({@link InFlightLimit}) or by a drain
 * ({@link Drain}): the probes and the metrics, so that an orchestrator and an operator can still see a gateway that is
 * overloaded or shutting down. These requests are never counted in flight either.
 */
public final class NeverRefused {

    private static final Set<String> PATHS = Set.of("/", "/health", "/ready", "/metrics", "/metrics/prometheus");

    private NeverRefused() {
    }

    /** @return whether a request for {@code path} is answered whatever the gateway refuses */
    public static boolean path(String path) {
        return PATHS.contains(path);
    }
}
