package io.agentgateway.api.agent;

import java.util.Map;

/**
 * Callbacks at the points of an agent's life. Every method defaults to nothing. They run on the run's thread (tool
 * hooks on the tool's thread, so several may run at once for parallel tool calls); a hook that throws is logged and
 * does not stop the run. Keep them quick: the run waits for them.
 *
 * <p>Order within a run: {@code onAgentStart}, then per tool call {@code onToolStart}/{@code onToolEnd}, on a handoff
 * {@code onHandoff} (on the agent handing off) followed by the target's {@code onAgentStart}; finally
 * {@code onAgentEnd} on the agent that produced the answer.
 */
public interface AgentHooks {

    /** Hooks that do nothing. */
    AgentHooks NONE = new AgentHooks() {
    };

    /**
     * @param context the run
     * @param agent the agent taking over the conversation
     */
    default void onAgentStart(RunContext context, AgentDefinition agent) {
    }

    /**
     * @param context the run
     * @param agent the agent that produced the answer
     * @param output the final answer's text
     */
    default void onAgentEnd(RunContext context, AgentDefinition agent, String output) {
    }

    /**
     * @param context the run
     * @param agent the agent whose model asked for the tool
     * @param tool the tool's name
     * @param arguments the arguments the model sent
     */
    default void onToolStart(RunContext context, AgentDefinition agent, String tool, Map<String, Object> arguments) {
    }

    /**
     * @param context the run
     * @param agent the agent whose model asked for the tool
     * @param tool the tool's name
     * @param result the text handed back to the model (an error text when the tool failed)
     */
    default void onToolEnd(RunContext context, AgentDefinition agent, String tool, String result) {
    }

    /**
     * @param context the run
     * @param from the agent handing off
     * @param to the agent taking over
     */
    default void onHandoff(RunContext context, AgentDefinition from, AgentDefinition to) {
    }
}
