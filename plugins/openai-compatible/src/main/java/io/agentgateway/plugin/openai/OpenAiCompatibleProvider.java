package io.agentgateway.plugin.openai;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;

/**
 * Opens connections to servers that speak the OpenAI chat completions API. Options read from the upstream's entry:
 * {@code max_idle_connections} (default 64) and {@code keep_alive_seconds} (default 300) size the connection pool.
 */
public final class OpenAiCompatibleProvider implements UpstreamProvider {

    public static final String NAME = "openai-compatible";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Upstream open(UpstreamSettings settings) {
        return new OpenAiCompatibleUpstream(settings);
    }
}
