package io.agentgateway.plugins.openai;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.upstream.UpstreamProvider;
import java.util.List;

/** Contributes the {@code openai-compatible} upstream provider: OpenAI, Ollama, LM Studio, vLLM and the like. */
public final class OpenAiCompatiblePlugin implements GatewayPlugin {

    @Override
    public List<UpstreamProvider> upstreamProviders(PluginContext context) {
        return List.of(new OpenAiCompatibleProvider(context));
    }
}
