package io.agentgateway.plugins.openai;

import static java.util.Objects.requireNonNull;

import io.agentgateway.api.PluginContext;
import io.agentgateway.api.http.HttpClient;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;

/**
 * Opens connections to servers that speak the OpenAI chat completions API, over the host's HTTP client (so the
 * entry's {@code proxy}, {@code tls} and {@code limits} settings apply). One option of its own:
 * {@code stream_options: false} leaves {@code stream_options} out of every request, for servers that reject it (some
 * LM Studio versions). The gateway asks for usage with it; such a server's streams then report no usage.
 */
public final class OpenAiCompatibleProvider implements UpstreamProvider {

    public static final String NAME = "openai-compatible";

    private final PluginContext context;

    public OpenAiCompatibleProvider(PluginContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Upstream open(UpstreamSettings settings) {
        HttpClient http = context.httpClient(settings);
        try {
            return new OpenAiCompatibleUpstream(settings, http, context.json());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }
}
