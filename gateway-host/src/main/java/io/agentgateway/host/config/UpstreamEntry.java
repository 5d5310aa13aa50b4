package io.agentgateway.host.config;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.upstream.UpstreamSettings;

/**
 * One entry of upstreams.yaml: which provider serves it, with which settings.
 *
 * @param provider the upstream provider name, e.g. {@code openai-compatible}
 * @param priority lower is preferred, as in the reference
 * @param settings what the provider receives
 */
public record UpstreamEntry(String provider, int priority, UpstreamSettings settings) {

    public UpstreamEntry {
        requireNonNull(provider, "provider is null");
        requireNonNull(settings, "settings is null");
    }

    public String name() {
        return settings.name();
    }
}
