package io.agentgateway.host.agents;

import java.util.List;
import java.util.Map;

/**
 * How a run ended.
 *
 * @param output the final answer's text (JSON text for an agent with an output type)
 * @param answeredBy the id of the agent that produced it (differs from the addressed agent after a handoff)
 * @param turns upstream calls made by the addressed agent and those it handed off to
 * @param toolCalls tool calls run
 * @param handoffs the ids of the agents handed to, in order
 * @param finishReason {@code stop}, or {@code length} when the answer was cut by the token limit
 * @param usage summed usage of every upstream call, sub-agents included
 */
public record RunResult(
        String output, String answeredBy, int turns, int toolCalls, List<String> handoffs, String finishReason,
        Map<String, Object> usage) {

    public RunResult {
        handoffs = List.copyOf(handoffs);
        usage = Map.copyOf(usage);
    }
}
