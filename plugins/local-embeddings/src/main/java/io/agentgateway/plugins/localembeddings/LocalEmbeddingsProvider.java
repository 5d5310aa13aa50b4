package io.agentgateway.plugins.localembeddings;

import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;

/** {@code provider: local-embeddings} in upstreams.yaml; no URL, key or timeout is used. */
public final class LocalEmbeddingsProvider implements UpstreamProvider {

    @Override
    public String name() {
        return "local-embeddings";
    }

    @Override
    public Upstream open(UpstreamSettings settings) {
        return new LocalEmbeddingsUpstream(settings.name(), MiniLm::new);
    }
}
