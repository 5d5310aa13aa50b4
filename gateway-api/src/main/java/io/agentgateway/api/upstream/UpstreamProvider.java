package io.agentgateway.api.upstream;

/**
 * A factory of {@link Upstream}s, selected in upstreams.yaml by {@code provider: <name>}. One provider serves many
 * upstream entries (for example OpenAI, Ollama, LM Studio and vLLM all use {@code openai-compatible}).
 */
public interface UpstreamProvider {

    /** @return the name upstreams.yaml uses in {@code provider:}, e.g. {@code openai-compatible} */
    String name();

    /**
     * Creates a connection to one configured upstream. Must not perform network calls: an upstream that is down at
     * start-up is still registered and reported unhealthy.
     *
     * @param settings the upstream's entry in upstreams.yaml, with secrets resolved
     * @return a connection that lives until the host closes it
     */
    Upstream open(UpstreamSettings settings);
}
