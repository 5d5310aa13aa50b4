package io.agentgateway.host.models;

import java.util.Optional;

/**
 * Model ids that no catalog entry lists but that something can still answer: {@code <upstream>/<model>} for a model
 * an upstream gained after it was last asked (ollama pull). Implemented where those sources live, so that routing
 * needs nothing above it.
 */
@FunctionalInterface
public interface UnlistedModels {

    /** @return an entry answering {@code id}, or empty when nothing can */
    Optional<ModelEntry> find(String id);
}
