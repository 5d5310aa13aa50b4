package io.agentgateway.host.routing;

import static java.util.Objects.requireNonNull;

/**
 * A target as one route offers it: its state plus the weight and priority that route gives it.
 *
 * @param state the target, shared by every route that names it
 * @param weight its share among candidates of the same priority
 * @param priority lower is tried first
 */
record Candidate(TargetState state, double weight, int priority) {

    Candidate {
        requireNonNull(state, "state is null");
    }

    String id() {
        return state.id();
    }
}
