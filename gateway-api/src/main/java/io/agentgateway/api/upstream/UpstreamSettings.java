package io.agentgateway.api.upstream;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of upstreams.yaml.
 *
 * @param name the entry's name, the prefix of its model ids ({@code <name>/<model>})
 * @param baseUrl the API root, e.g. {@code http://localhost:11434/v1}; empty when the entry names none (the host does
 *     not demand one: a provider that connects somewhere refuses an empty one in {@link UpstreamProvider#open})
 * @param apiKey the resolved key, or null when the upstream needs none; never log it
 * @param timeout for a non-streaming call, how long it may take in all; for a stream, how long the first byte and
 *     each gap between chunks may take (a long answer that keeps streaming never times out). Past it the call fails
 *     with {@link UpstreamException.Kind#TIMEOUT}
 * @param models model names listed in the config, offered even when the upstream cannot list its own
 * @param options the entry's {@code options:} mapping, for provider-specific settings, with the host's HTTP settings
 *     ({@code proxy}, {@code tls}, {@code limits}) and {@code stream_options}
 */
public record UpstreamSettings(
        String name,
        String baseUrl,
        String apiKey,
        Duration timeout,
        List<String> models,
        Map<String, Object> options) {

    public UpstreamSettings {
        requireNonNull(name, "name is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(timeout, "timeout is null");
        models = List.copyOf(models);
        options = Map.copyOf(options);
    }

    @Override
    public String toString() {
        // The key stays out of logs and error messages.
        return "UpstreamSettings[name=" + name + ", baseUrl=" + baseUrl + ", timeout=" + timeout + "]";
    }
}
