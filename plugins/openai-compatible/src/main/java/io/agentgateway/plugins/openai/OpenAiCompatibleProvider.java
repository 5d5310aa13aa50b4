package io.agentgateway.plugins.openai;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;

/**
 * Opens connections to servers that speak the OpenAI chat completions API. Options read from the upstream's entry:
 * {@code max_idle_connections} (default 64) and {@code keep_alive_seconds} (default 300) size the connection pool;
 * {@code stream_options: false} leaves {@code stream_options} out of every request, for servers that reject it (some LM
 * Studio versions). The gateway asks for usage with it; such a server's streams then report no usage.
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
