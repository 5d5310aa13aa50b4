package io.agentgateway.host.security;

import static java.util.Objects.requireNonNull;

/**
 * Whether a key may do something, and the rule that decided it, in words an operator can act on; never a secret.
 *
 * @param allowed whether the key may
 * @param reason the rule that decided, e.g. "model 'labs/x' matches none of allow_agents [default/*] of key 'dev'"
 */
public record AccessDecision(boolean allowed, String reason) {

    public AccessDecision {
        requireNonNull(reason, "reason is null");
    }
}
