package io.agentgateway.host.agents;

import java.util.Locale;

/** Where a registered agent was defined: the {@code kind} {@code GET /agents} shows. */
public enum AgentKind {
    /** In a plugin jar. */
    PLUGIN,
    /** In agents.yaml. */
    DECLARATIVE;

    /** @return the lower-case name shown in responses */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
