package io.agentgateway.host.agents;

import java.time.Instant;

/**
 * A problem met while registering agents.
 *
 * @param at when
 * @param source the plugin id or {@code agents.yaml}
 * @param agentId the agent's id, or null when the entry could not be read far enough to have one
 * @param message what went wrong
 */
public record AgentLoadError(Instant at, String source, String agentId, String message) {
}
