package io.agentgateway.plugins.localembeddings;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.PluginContext;
import io.agentgateway.api.upstream.UpstreamProvider;
import java.util.List;

/**
 * Offers the {@code local-embeddings} upstream provider: the sentence-embedding model all-MiniLM-L6-v2 run inside
 * the gateway on ONNX Runtime, with its weights shipped in the plugin (no server, no download at run time).
 */
public final class LocalEmbeddingsPlugin implements GatewayPlugin {

    @Override
    public List<UpstreamProvider> upstreamProviders(PluginContext context) {
        return List.of(new LocalEmbeddingsProvider());
    }
}
