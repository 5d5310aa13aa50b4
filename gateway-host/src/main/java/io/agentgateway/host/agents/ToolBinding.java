package io.agentgateway.host.agents;

import io.agentgateway.api.agent.AgentDefinition;
import io.agentgateway.api.agent.Handoff;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;

/**
 * A name the model of one agent may call, and what a call leads to. Every kind but a handoff is a tool call, run
 * through the gateway's one tool invoker (access rules, validation, timeout, logs, metrics).
 */
sealed interface ToolBinding {

    /** @return the name the model calls */
    String name();

    /** A tool given as code: the agent's own. */
    record Own(ToolDefinition tool) implements ToolBinding {
        @Override
        public String name() {
            return tool.name();
        }
    }

    /** Agents used as a tool: a call runs them on its {@code input}. */
    record Agents(ToolDefinition tool, List<AgentDefinition> agents) implements ToolBinding {
        @Override
        public String name() {
            return tool.name();
        }
    }

    /**
     * A tool of the gateway's registry, called there by name. What the model is shown of it is the registry's
     * definition at the time of the turn, so a tool registered or reloaded later is found.
     */
    record Gateway(String name) implements ToolBinding {
    }

    /** Hands the conversation to another agent. */
    record HandoffTo(Handoff handoff) implements ToolBinding {
        @Override
        public String name() {
            return handoff.toolName();
        }
    }
}
