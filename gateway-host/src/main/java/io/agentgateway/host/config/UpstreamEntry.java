package io.agentgateway.host.config;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.UpstreamSettings;

/**
 * One entry of upstreams.yaml: which provider serves it, with which settings.
 *
 * @param provider the upstream provider name, e.g. {@code openai-compatible}
 * @param priority lower is preferred: among upstreams serving the same model, the lowest priority is asked first
 * @param retries how many more times a chat call that failed in a retriable way is made (0: never)
 * @param settings what the provider receives
 * @param checks its health checks and circuit breaker
 */
public record UpstreamEntry(String provider, int priority, int retries, UpstreamSettings settings,
        TargetChecks checks) {

    /** An entry with the default checks: none active, the default breaker. */
    public UpstreamEntry(String provider, int priority, int retries, UpstreamSettings settings) {
        this(provider, priority, retries, settings, TargetChecks.DEFAULTS);
    }

    public UpstreamEntry {
        requireNonNull(provider, "provider is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(checks, "checks is null");
        if (retries < 0) {
            throw new IllegalArgumentException("retries is negative");
        }
    }

    public String name() {
        return settings.name();
    }
}
